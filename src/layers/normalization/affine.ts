/** The learned scale (gamma) and offset (beta) options that batch, layer and group normalization share. */
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';

export interface AffineArgs {
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

export interface Affine {
  center: boolean;
  scale: boolean;
  betaInitializer: Initializer;
  gammaInitializer: Initializer;
  betaRegularizer: Regularizer | null;
  gammaRegularizer: Regularizer | null;
  betaConstraint: Constraint | null;
  gammaConstraint: Constraint | null;
}

/** Keras's defaults: center and scale on, beta zeros, gamma ones. */
export function affineOptions(args: AffineArgs): Affine {
  return {
    center: args.center ?? true,
    scale: args.scale ?? true,
    betaInitializer: getInitializer(args.betaInitializer ?? 'zeros'),
    gammaInitializer: getInitializer(args.gammaInitializer ?? 'ones'),
    betaRegularizer: args.betaRegularizer ? getRegularizer(args.betaRegularizer) : null,
    gammaRegularizer: args.gammaRegularizer ? getRegularizer(args.gammaRegularizer) : null,
    betaConstraint: args.betaConstraint ? getConstraint(args.betaConstraint) : null,
    gammaConstraint: args.gammaConstraint ? getConstraint(args.gammaConstraint) : null,
  };
}

export function affineConfig(a: Affine): Config {
  return {
    center: a.center,
    scale: a.scale,
    betaInitializer: opt(a.betaInitializer),
    gammaInitializer: opt(a.gammaInitializer),
    betaRegularizer: opt(a.betaRegularizer),
    gammaRegularizer: opt(a.gammaRegularizer),
    betaConstraint: opt(a.betaConstraint),
    gammaConstraint: opt(a.gammaConstraint),
  };
}
