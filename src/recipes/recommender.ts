/**
 * recommender: learned user and item embeddings on MovieLens-format ratings — the dot product of
 * the two 32-dimensional embeddings and a bias per user and per item, combined by a Dense(1).
 * 20% of the ratings are held out (seeded). Loss: mean squared error; metric: mean absolute error.
 * `tessera predict <model> --user <id>` lists the items with the highest predicted rating.
 */
import * as tsr from '../api.js';
import type { Recipe } from './recipe.js';
import { splitRows } from './split.js';

// Items scored per model.predict batch: a whole MovieLens catalogue (~60k items) in a few batches.
const SCORE_BATCH = 16384;

export const recommender: Recipe = {
  name: 'recommender',
  description: 'user × item embeddings (dot product + biases) predicting ratings',
  dataLayout: 'MovieLens ratings: ratings.csv (userId,movieId,rating,timestamp), ratings.dat (::) or u.data (tab)',
  expected: 'test MAE below the predict-the-mean baseline',
  defaults: { epochs: 10, batchSize: 64 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('recommender: pass --data <ratings file>');
    const ratings = await tsr.data.loadRatings(options.data);
    const n = Math.min(ratings.size, options.limit ?? Infinity);
    // A trained model keeps the indices it learned: map this file's ids onto them.
    const savedUsers = options.saved?.['userIds'] as string[] | undefined;
    const savedItems = options.saved?.['itemIds'] as string[] | undefined;
    const remap = (dense: Int32Array, ids: string[], known: string[] | undefined, what: string): Int32Array => {
      if (!known) return dense;
      const index = new Map(known.map((id, i) => [id, i]));
      return Int32Array.from(dense.subarray(0, n), (d) => {
        const k = index.get(ids[d]!);
        if (k === undefined) throw new tsr.TesseraError(`recommender: ${what} '${ids[d]}' of '${options.data}' was not in the training data`);
        return k;
      });
    };
    const column = (a: Int32Array) => tsr.tensor(a.subarray(0, n), [n, 1], 'int32');
    const users = column(remap(ratings.users, ratings.userIds, savedUsers, 'user'));
    const items = column(remap(ratings.items, ratings.itemIds, savedItems, 'item'));
    const [train, test] = splitRows([users, items, tsr.tensor(ratings.ratings.subarray(0, n), [n], 'float32')], 0.2, options.seed);
    return {
      train: { x: [train[0]!, train[1]!], y: train[2]! },
      test: { x: [test[0]!, test[1]!], y: test[2]! },
      description: `${options.data}: ${n} ratings by ${ratings.numUsers} users of ${ratings.numItems} items`,
      metadata: savedUsers && savedItems
        ? { numUsers: savedUsers.length, numItems: savedItems.length, userIds: savedUsers, itemIds: savedItems }
        : { numUsers: ratings.numUsers, numItems: ratings.numItems, userIds: ratings.userIds, itemIds: ratings.itemIds },
    };
  },
  build(data) {
    const { numUsers, numItems } = data.metadata as { numUsers: number; numItems: number };
    const user = tsr.input({ shape: [1], dtype: 'int32', name: 'user' });
    const item = tsr.input({ shape: [1], dtype: 'int32', name: 'item' });
    const embed = (ids: tsr.SymbolicTensor, count: number, dim: number) =>
      tsr.layers.flatten().apply(tsr.layers.embedding({ inputDim: count, outputDim: dim }).apply(ids)) as tsr.SymbolicTensor;
    const affinity = tsr.layers.dot({ axes: 1 }).apply([embed(user, numUsers, 32), embed(item, numItems, 32)]) as tsr.SymbolicTensor;
    const combined = tsr.layers.concatenate().apply([affinity, embed(user, numUsers, 1), embed(item, numItems, 1)]) as tsr.SymbolicTensor;
    const rating = tsr.layers.dense({ units: 1 }).apply(combined) as tsr.SymbolicTensor;
    const model = tsr.model({ inputs: [user, item], outputs: rating, name: 'recommender' });
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 5e-3 }), loss: 'meanSquaredError', metrics: ['meanAbsoluteError'] });
    return model;
  },
  async recommend(model, saved, user, { top, exclude }) {
    const userIds = saved['userIds'] as string[] | undefined;
    const itemIds = saved['itemIds'] as string[] | undefined;
    if (!userIds || !itemIds) throw new tsr.TesseraError(`recommender: recipe.json holds no userIds/itemIds. Received keys: ${Object.keys(saved).join(', ')}`);
    const u = userIds.indexOf(user);
    if (u < 0) throw new tsr.TesseraError(`recommender: unknown user '${user}'; the model knows ${userIds.length} users (${userIds.slice(0, 5).join(', ')}${userIds.length > 5 ? ', …' : ''}). Received: --user ${user}`);
    let candidates = Array.from(itemIds, (_, k) => k);
    if (exclude !== undefined) {
      // Ids, not indices: the file's dense indices are its own, not the model's.
      const ratings = await tsr.data.loadRatings(exclude);
      const rated = new Set<string>();
      for (let i = 0; i < ratings.size; i++) if (ratings.userIds[ratings.users[i]!] === user) rated.add(ratings.itemIds[ratings.items[i]!]!);
      candidates = candidates.filter((k) => !rated.has(itemIds[k]!));
    }
    const n = candidates.length;
    if (n === 0) return { user, items: [] };
    const users = tsr.tensor(new Int32Array(n).fill(u), [n, 1], 'int32');
    const items = tsr.tensor(Int32Array.from(candidates), [n, 1], 'int32');
    const scores = (await ((await model.predict([users, items], { batchSize: SCORE_BATCH })) as tsr.Tensor).data()) as Float32Array;
    const order = Array.from(candidates, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return { user, items: order.slice(0, top).map((i) => ({ item: itemIds[candidates[i]!]!, rating: scores[i]! })) };
  },
};
