"""Writes the Keras import fixtures (test/io/keras/fixtures): small models in Keras's own file formats,
each with inputs and the outputs Keras would compute, committed as JSON beside them.

Keras and TensorFlow cannot be installed here, so the files are written with h5py and zipfile in the
layouts Keras itself writes (learned from keras/src/saving/saving_lib.py and
keras/src/legacy/saving/legacy_h5_format.py):
  .keras (Keras 3)  a zip of metadata.json, config.json, model.weights.h5; in the h5 file each layer's
                    variables are datasets "0", "1", ... in layers/<snake_case class name, numbered per
                    class>/vars (sub-layers below it: cell/, forward_layer/cell/, _query_dense/, ...).
  .h5 (Keras 2)     root attributes model_config (JSON), keras_version, backend; model_weights/<layer>/
                    <layer>/<weight>:0 datasets with layer_names / weight_names attributes. A weights-only
                    file (save_weights) has the same groups and attributes at the root.
The expected outputs are computed independently of Tessera: numpy for dense, convolution, pooling,
normalization, SimpleRNN, GRU(reset_after=False) and attention; torch.nn.LSTM / torch.nn.GRU with the Keras
weights re-ordered and transposed for the LSTM and GRU layers; everything in float64. The format writers and
the layer math are in scripts/keras_fixture_lib.py.

Run once (Debian: apt-get install python3-h5py; numpy and torch come with /usr/bin/python3):
    /usr/bin/python3 scripts/make_keras_fixtures.py test/io/keras/fixtures
The tests need only the committed files."""
import os, sys
import numpy as np
from keras_fixture_lib import (K3, act, batch_norm, conv, conv2d_transpose_same, f64, functional, gru_reset_before,
                               keras_tensor, layer_norm, legacy_layer, mha, node, pool, sequential, simple_rnn, torch_gru,
                               torch_lstm, write_expected, write_keras, write_legacy_h5)

OUT = sys.argv[1] if len(sys.argv) > 1 else 'test/io/keras/fixtures'
rng = np.random.default_rng(20240607)
F32 = np.float32


def rand(*shape, scale=0.5):
    return (rng.standard_normal(shape) * scale).astype(F32)


def out(name):
    return os.path.join(OUT, name)


# ---- the models ----------------------------------------------------------------------------------------------

def cnn():
    k = K3('new')
    w = {'conv': [rand(3, 3, 1, 4), rand(4, scale=0.1)],
         'bn': [(1 + rand(4, scale=0.2)), rand(4, scale=0.2), rand(4, scale=0.3), rng.uniform(0.5, 1.5, 4).astype(F32)],
         'dense': [rand(64, 10, scale=0.3), rand(10, scale=0.1)]}
    entries = [k.input('input_layer', [None, 8, 8, 1]),
               k.conv('Conv2D', 'conv2d', 4, [3, 3], [1, 1], 'same', 'relu', [None, 8, 8, 1]),
               k.layer('BatchNormalization', 'batch_normalization', {
                   'axis': -1, 'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True,
                   'beta_initializer': k.init('Zeros'), 'gamma_initializer': k.init('Ones'),
                   'moving_mean_initializer': k.init('Zeros'), 'moving_variance_initializer': k.init('Ones'),
                   'beta_regularizer': None, 'gamma_regularizer': None, 'beta_constraint': None, 'gamma_constraint': None,
                   'synchronized': False}, [None, 8, 8, 4]),
               k.pool('MaxPooling2D', 'max_pooling2d', [2, 2], [2, 2], [None, 8, 8, 4]),
               k.layer('Dropout', 'dropout', {'rate': 0.25, 'seed': None, 'noise_shape': None}, [None, 4, 4, 4]),
               k.layer('Flatten', 'flatten', {'data_format': 'channels_last'}, [None, 4, 4, 4]),
               k.dense('dense', 10, 'softmax', [None, 64])]
    config = sequential(k, 'sequential', entries, [None, 8, 8, 1])
    names = ['conv2d', 'batch_normalization', 'max_pooling2d', 'dropout', 'flatten', 'dense']
    arrays = [w['conv'], w['bn'], [], [], [], w['dense']]
    write_keras(out('cnn.keras'), config, [(f'layers/{n}', n, a) for n, a in zip(names, arrays)], '3.6.0', True)
    # The same model as tf.keras 2 saved it (model.save('cnn.h5')) and its save_weights('cnn.weights.h5').
    suffixes = {'conv2d': ['kernel', 'bias'], 'batch_normalization': ['gamma', 'beta', 'moving_mean', 'moving_variance'],
                'dense': ['kernel', 'bias']}
    layers = [(n, [(f'{n}/{s}:0', a) for s, a in zip(suffixes.get(n, []), arr)]) for n, arr in zip(names, arrays)]
    h5_layers = [legacy_layer(entries[0])]
    h5_layers[0]['config']['name'] = 'conv2d_input'
    h5_layers += [legacy_layer(e, [None, 8, 8, 1] if i == 0 else None) for i, e in enumerate(entries[1:])]
    write_legacy_h5(out('cnn.h5'), {'class_name': 'Sequential', 'config': {'name': 'sequential', 'layers': h5_layers}}, layers)
    write_legacy_h5(out('cnn.weights.h5'), None, layers, weights_only=True)
    x = rand(3, 8, 8, 1, scale=1.0)
    h = act('relu', conv(*f64(x, *w['conv']), [1, 1], 'same'))
    h = pool(batch_norm(h, *f64(*w['bn'])), [2, 2], [2, 2], 'max')
    y = act('softmax', h.reshape(3, -1) @ w['dense'][0].astype(np.float64) + w['dense'][1])
    write_expected(out('cnn.json'), [x], y)


def recurrent(kind):
    k = K3('old' if kind == 'lstm' else 'new')
    gates = 4 if kind == 'lstm' else 3
    cls = 'LSTM' if kind == 'lstm' else 'GRU'
    extra = {} if kind == 'lstm' else {'reset_after': True}
    bias = (lambda u: rand(4 * u, scale=0.2)) if kind == 'lstm' else (lambda u: rand(2, 3 * u, scale=0.2))
    w1 = [rand(3, gates * 5), rand(5, gates * 5), bias(5)]
    w2 = [rand(5, gates * 4), rand(4, gates * 4), bias(4)]
    wd = [rand(4, 2), rand(2, scale=0.1)]
    entries = [k.input('input_layer', [None, 6, 3]),
               k.recurrent(cls, kind, 5, True, [None, 6, 3], **extra),
               k.recurrent(cls, f'{kind}_1', 4, False, [None, 6, 5], **extra),
               k.dense('dense', 2, 'linear', [None, 4])]
    cell = f'{kind}_cell'
    groups = [(f'layers/{kind}', kind, []), (f'layers/{kind}/cell', cell, w1),
              (f'layers/{kind}_1', f'{kind}_1', []), (f'layers/{kind}_1/cell', cell, w2), ('layers/dense', 'dense', wd)]
    # The LSTM file as Keras 3.0 wrote it (dtype strings, no name attributes), the GRU as Keras 3.6.
    write_keras(out(f'{kind}.keras'), sequential(k, 'sequential', entries, [None, 6, 3]), groups,
                '3.0.5' if kind == 'lstm' else '3.6.0', kind != 'lstm')
    x = rand(4, 6, 3, scale=1.0)
    run = torch_lstm if kind == 'lstm' else torch_gru
    h = run(x.astype(np.float64), *w1)
    h = run(h, *w2)[:, -1]
    write_expected(out(f'{kind}.json'), [x], h @ wd[0].astype(np.float64) + wd[1])


def two_inputs():
    k = K3('new')
    w = {'dense': [rand(6, 8), rand(8, scale=0.1)], 'dense_1': [rand(5, 8), rand(8, scale=0.1)], 'dense_2': [rand(24, 3), rand(3, scale=0.1)]}
    t = lambda shape, name: keras_tensor(shape, name)
    entries = [(k.input('input_a', [None, 6]), []), (k.input('input_b', [None, 5]), []),
               (k.dense('dense', 8, 'relu', [None, 6]), [node(t([None, 6], 'input_a'))]),
               (k.dense('dense_1', 8, 'tanh', [None, 5]), [node(t([None, 5], 'input_b'))]),
               (k.layer('Add', 'add', {}, [[None, 8], [None, 8]]), [node([t([None, 8], 'dense'), t([None, 8], 'dense_1')])]),
               (k.layer('Concatenate', 'concatenate', {'axis': -1}, [[None, 8], [None, 8], [None, 8]]),
                [node([t([None, 8], 'dense'), t([None, 8], 'dense_1'), t([None, 8], 'add')])]),
               (k.dense('dense_2', 3, 'softmax', [None, 24]), [node(t([None, 24], 'concatenate'))])]
    config = functional(k, 'two_inputs', entries, [['input_a', 0, 0], ['input_b', 0, 0]], ['dense_2', 0, 0])
    order = ['input_layer', 'input_layer_1', 'dense', 'dense_1', 'add', 'concatenate', 'dense_2']
    names = [e['config']['name'] for e, _ in entries]
    write_keras(out('functional.keras'), config, [(f'layers/{p}', n, w.get(n, [])) for p, n in zip(order, names)], '3.6.0', True)
    # tf.keras 2: inbound_nodes as [[[layer, node, tensor, kwargs], ...]], outputs as a list of references.
    h5_layers = []
    for e, nodes in entries:
        le = legacy_layer(e)
        le['name'] = e['config']['name']
        args = nodes[0]['args'][0] if nodes else None
        refs = [] if args is None else [a['config']['keras_history'] + [{}] for a in (args if isinstance(args, list) else [args])]
        le['inbound_nodes'] = [refs] if refs else []
        h5_layers.append(le)
    h5_config = {'class_name': 'Functional', 'config': {'name': 'two_inputs', 'trainable': True, 'layers': h5_layers,
                                                        'input_layers': [['input_a', 0, 0], ['input_b', 0, 0]], 'output_layers': [['dense_2', 0, 0]]}}
    write_legacy_h5(out('functional.h5'), h5_config, [(n, [(f'{n}/{s}:0', a) for s, a in zip(['kernel', 'bias'], w.get(n, []))]) for n in names])
    a, b = rand(5, 6, scale=1.0), rand(5, 5, scale=1.0)
    d0 = act('relu', a.astype(np.float64) @ w['dense'][0] + w['dense'][1])
    d1 = np.tanh(b.astype(np.float64) @ w['dense_1'][0] + w['dense_1'][1])
    y = act('softmax', np.concatenate([d0, d1, d0 + d1], -1) @ w['dense_2'][0] + w['dense_2'][1])
    write_expected(out('functional.json'), [a, b], y)


def zoo_sequence():
    """Embedding, causal Conv1D, Bidirectional(LSTM), SimpleRNN, GRU(reset_after=False), LayerNormalization,
    MultiHeadAttention, Add, pooling over time."""
    k = K3('new')
    t = lambda shape, name, dtype='float32': keras_tensor(shape, name, dtype)
    seq = lambda d: [None, 7, d]
    w = {'embedding': [rand(20, 8)], 'conv1d': [rand(3, 8, 8, scale=0.3), rand(8, scale=0.1)],
         'forward': [rand(8, 16), rand(4, 16), rand(16, scale=0.2)], 'backward': [rand(8, 16), rand(4, 16), rand(16, scale=0.2)],
         'simple_rnn': [rand(8, 8, scale=0.3), rand(8, 8, scale=0.3), rand(8, scale=0.1)],
         'gru': [rand(8, 24, scale=0.3), rand(8, 24, scale=0.3), rand(24, scale=0.1)],
         'layer_normalization': [1 + rand(8, scale=0.2), rand(8, scale=0.2)],
         'query': [rand(8, 2, 4), rand(2, 4, scale=0.1)], 'key': [rand(8, 2, 4), rand(2, 4, scale=0.1)],
         'value': [rand(8, 2, 4), rand(2, 4, scale=0.1)], 'attention_output': [rand(2, 4, 8), rand(8, scale=0.1)],
         'dense': [rand(8, 3), rand(3, scale=0.1)]}
    lstm = lambda name, back: k.recurrent('LSTM', name, 4, True, seq(8), go_backwards=back)
    emb = k.layer('Embedding', 'embedding', {
        'input_dim': 20, 'output_dim': 8, 'embeddings_initializer': k.init('RandomUniform', minval=-0.05, maxval=0.05, seed=None),
        'embeddings_regularizer': None, 'activity_regularizer': None, 'embeddings_constraint': None, 'mask_zero': False,
        'quantization_config': None}, [None, 7])
    ln = k.layer('LayerNormalization', 'layer_normalization', {
        'axis': -1, 'epsilon': 0.001, 'center': True, 'scale': True, 'rms_scaling': False,
        'beta_initializer': k.init('Zeros'), 'gamma_initializer': k.init('Ones'), 'beta_regularizer': None,
        'gamma_regularizer': None, 'beta_constraint': None, 'gamma_constraint': None}, seq(8))
    attention = k.layer('MultiHeadAttention', 'multi_head_attention', {
        'num_heads': 2, 'key_dim': 4, 'value_dim': 4, 'dropout': 0.0, 'use_bias': True, 'output_shape': None,
        'attention_axes': None, 'kernel_initializer': k.init('GlorotUniform', seed=None), 'bias_initializer': k.init('Zeros'),
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None,
        'bias_constraint': None, 'seed': None})
    attention['build_config'] = {'query_shape': seq(8), 'value_shape': seq(8), 'key_shape': None}
    bi = k.layer('Bidirectional', 'bidirectional', {'merge_mode': 'concat', 'layer': lstm('forward_lstm', False),
                                                    'backward_layer': lstm('backward_lstm', True)}, seq(8))
    entries = [(k.input('tokens', [None, 7], 'int32'), []),
               (emb, [node(t([None, 7], 'tokens', 'int32'))]),
               (k.conv('Conv1D', 'conv1d', 8, [3], [1], 'causal', 'relu', seq(8)), [node(t(seq(8), 'embedding'))]),
               (bi, [node(t(seq(8), 'conv1d'))]),
               (k.recurrent('SimpleRNN', 'simple_rnn', 8, True, seq(8)), [node(t(seq(8), 'bidirectional'))]),
               (k.recurrent('GRU', 'gru', 8, True, seq(8), reset_after=False), [node(t(seq(8), 'simple_rnn'))]),
               (ln, [node(t(seq(8), 'gru'))]),
               (attention, [node(t(seq(8), 'layer_normalization'), t(seq(8), 'layer_normalization'))]),
               (k.layer('Add', 'add', {}, [seq(8), seq(8)]), [node([t(seq(8), 'layer_normalization'), t(seq(8), 'multi_head_attention')])]),
               (k.pool('AveragePooling1D', 'average_pooling1d', [2], [2], seq(8)), [node(t(seq(8), 'add'))]),
               (k.pool('MaxPooling1D', 'max_pooling1d', [2], [1], [None, 3, 8]), [node(t([None, 3, 8], 'average_pooling1d'))]),
               (k.layer('GlobalAveragePooling1D', 'global_average_pooling1d', {'data_format': 'channels_last', 'keepdims': False}, [None, 2, 8]),
                [node(t([None, 2, 8], 'max_pooling1d'))]),
               (k.dense('dense', 3, 'linear', [None, 8]), [node(t([None, 8], 'global_average_pooling1d'))])]
    config = functional(k, 'zoo_sequence', entries, [['tokens', 0, 0]], [['dense', 0, 0]])
    groups = [('layers/input_layer', 'tokens', []), ('layers/embedding', 'embedding', w['embedding']),
              ('layers/conv1d', 'conv1d', w['conv1d']), ('layers/bidirectional', 'bidirectional', []),
              ('layers/bidirectional/backward_layer', 'backward_lstm', []), ('layers/bidirectional/backward_layer/cell', 'lstm_cell', w['backward']),
              ('layers/bidirectional/forward_layer', 'forward_lstm', []), ('layers/bidirectional/forward_layer/cell', 'lstm_cell', w['forward']),
              ('layers/simple_rnn', 'simple_rnn', []), ('layers/simple_rnn/cell', 'simple_rnn_cell', w['simple_rnn']),
              ('layers/gru', 'gru', []), ('layers/gru/cell', 'gru_cell', w['gru']),
              ('layers/layer_normalization', 'layer_normalization', w['layer_normalization']),
              ('layers/multi_head_attention', 'multi_head_attention', []), ('layers/multi_head_attention/_dropout_layer', 'dropout', []),
              ('layers/multi_head_attention/_key_dense', 'key', w['key']), ('layers/multi_head_attention/_output_dense', 'attention_output', w['attention_output']),
              ('layers/multi_head_attention/_query_dense', 'query', w['query']), ('layers/multi_head_attention/_softmax', 'softmax', []),
              ('layers/multi_head_attention/_value_dense', 'value', w['value']),
              ('layers/add', 'add', []), ('layers/average_pooling1d', 'average_pooling1d', []), ('layers/max_pooling1d', 'max_pooling1d', []),
              ('layers/global_average_pooling1d', 'global_average_pooling1d', []), ('layers/dense', 'dense', w['dense'])]
    write_keras(out('zoo-sequence.keras'), config, groups, '3.6.0', True)
    tokens = rng.integers(0, 20, size=(3, 7)).astype(np.int32)
    W = {n: f64(*a) for n, a in w.items()}
    h = W['embedding'][0][tokens]
    h = act('relu', conv(h, *W['conv1d'], [1], 'causal'))
    h = np.concatenate([torch_lstm(h, *W['forward']), torch_lstm(h, *W['backward'], go_backwards=True)[:, ::-1]], -1)
    h = layer_norm(gru_reset_before(simple_rnn(h, *W['simple_rnn']), *W['gru']), *W['layer_normalization'])
    h = h + mha(h, h, [*W['query'], *W['key'], *W['value'], *W['attention_output']], 2, 4)
    h = pool(pool(h, [2], [2], 'avg'), [2], [1], 'max').mean(1)
    write_expected(out('zoo-sequence.json'), [tokens], h @ W['dense'][0] + W['dense'][1])


def zoo_image():
    """Conv2DTranspose, AveragePooling2D, Activation, GlobalAveragePooling2D, Reshape, Conv3D, strided Conv1D,
    Flatten, Concatenate, Dropout."""
    k = K3('new')
    t = lambda shape, name: keras_tensor(shape, name)
    w = {'conv2d_transpose': [rand(3, 3, 3, 2), rand(3, scale=0.1)], 'conv3d': [rand(2, 2, 2, 1, 2), rand(2, scale=0.1)],
         'conv1d': [rand(3, 4, 4), rand(4, scale=0.1)], 'dense': [rand(55, 2, scale=0.3), rand(2, scale=0.1)]}
    entries = [(k.input('image', [None, 6, 6, 2]), []),
               (k.conv('Conv2DTranspose', 'conv2d_transpose', 3, [3, 3], [2, 2], 'same', 'linear', [None, 6, 6, 2], transpose=True),
                [node(t([None, 6, 6, 2], 'image'))]),
               (k.pool('AveragePooling2D', 'average_pooling2d', [2, 2], [2, 2], [None, 12, 12, 3]), [node(t([None, 12, 12, 3], 'conv2d_transpose'))]),
               (k.layer('Activation', 'activation', {'activation': 'tanh'}, [None, 6, 6, 3]), [node(t([None, 6, 6, 3], 'average_pooling2d'))]),
               (k.layer('Reshape', 'reshape', {'target_shape': [6, 6, 3, 1]}, [None, 6, 6, 3]), [node(t([None, 6, 6, 3], 'activation'))]),
               (k.conv('Conv3D', 'conv3d', 2, [2, 2, 2], [1, 1, 1], 'valid', 'relu', [None, 6, 6, 3, 1]), [node(t([None, 6, 6, 3, 1], 'reshape'))]),
               (k.layer('Reshape', 'reshape_1', {'target_shape': [25, 4]}, [None, 5, 5, 2, 2]), [node(t([None, 5, 5, 2, 2], 'conv3d'))]),
               (k.conv('Conv1D', 'conv1d', 4, [3], [2], 'same', 'linear', [None, 25, 4]), [node(t([None, 25, 4], 'reshape_1'))]),
               (k.layer('GlobalAveragePooling2D', 'global_average_pooling2d', {'data_format': 'channels_last', 'keepdims': False}, [None, 6, 6, 3]),
                [node(t([None, 6, 6, 3], 'activation'))]),
               (k.layer('Flatten', 'flatten', {'data_format': 'channels_last'}, [None, 13, 4]), [node(t([None, 13, 4], 'conv1d'))]),
               (k.layer('Concatenate', 'concatenate', {'axis': -1}, [[None, 3], [None, 52]]),
                [node([t([None, 3], 'global_average_pooling2d'), t([None, 52], 'flatten')])]),
               (k.layer('Dropout', 'dropout', {'rate': 0.5, 'seed': None, 'noise_shape': None}, [None, 55]), [node(t([None, 55], 'concatenate'))]),
               (k.dense('dense', 2, 'linear', [None, 55]), [node(t([None, 55], 'dropout'))])]
    config = functional(k, 'zoo_image', entries, [['image', 0, 0]], [['dense', 0, 0]])
    paths = ['input_layer', 'conv2d_transpose', 'average_pooling2d', 'activation', 'reshape', 'conv3d', 'reshape_1', 'conv1d',
             'global_average_pooling2d', 'flatten', 'concatenate', 'dropout', 'dense']
    names = [e['config']['name'] for e, _ in entries]
    write_keras(out('zoo-image.keras'), config, [(f'layers/{p}', n, w.get(n, [])) for p, n in zip(paths, names)], '3.6.0', True)
    x = rand(3, 6, 6, 2, scale=1.0)
    W = {n: f64(*a) for n, a in w.items()}
    h = np.tanh(pool(conv2d_transpose_same(x.astype(np.float64), *W['conv2d_transpose'], 2), [2, 2], [2, 2], 'avg'))
    g = h.mean((1, 2))
    c = act('relu', conv(h.reshape(3, 6, 6, 3, 1), *W['conv3d'], [1, 1, 1], 'valid'))
    c = conv(c.reshape(3, 25, 4), *W['conv1d'], [2], 'same').reshape(3, -1)
    write_expected(out('zoo-image.json'), [x], np.concatenate([g, c], -1) @ W['dense'][0] + W['dense'][1])


def nested():
    """A Functional model using a Sequential model and a Functional model as layers (Keras numbers a nested
    functional model's call nodes from 1: node 0 links its own inputs to its outputs)."""
    k = K3('new')
    t = lambda shape, name, node_index=0: {**keras_tensor(shape, name), 'config': {'shape': shape, 'dtype': 'float32', 'keras_history': [name, node_index, 0]}}
    w = {'enc1': [rand(4, 6), rand(6, scale=0.1)], 'enc2': [rand(6, 3), rand(3, scale=0.1)], 'head': [rand(3, 2), rand(2, scale=0.1)],
         'out': [rand(2, 2), rand(2, scale=0.1)]}
    encoder = sequential(k, 'encoder', [k.input('encoder_input', [None, 4]), k.dense('enc1', 6, 'relu', [None, 4]),
                                        k.dense('enc2', 3, 'tanh', [None, 6])], [None, 4])
    head = functional(k, 'head', [(k.input('head_input', [None, 3]), []), (k.dense('head_dense', 2, 'sigmoid', [None, 3]), [node(t([None, 3], 'head_input'))])],
                      [['head_input', 0, 0]], ['head_dense', 0, 0])
    entries = [(k.input('x', [None, 4]), []), (encoder, [node(t([None, 4], 'x'))]), (head, [node(t([None, 3], 'encoder'))]),
               (k.dense('out', 2, 'linear', [None, 2]), [node(t([None, 2], 'head', 1))])]
    config = functional(k, 'outer', entries, [['x', 0, 0]], ['out', 0, 0])
    groups = [('layers/input_layer', 'x', []), ('layers/sequential', 'encoder', []), ('layers/sequential/layers/dense', 'enc1', w['enc1']),
              ('layers/sequential/layers/dense_1', 'enc2', w['enc2']), ('layers/functional', 'head', []),
              ('layers/functional/layers/input_layer', 'head_input', []), ('layers/functional/layers/dense', 'head_dense', w['head']),
              ('layers/dense', 'out', w['out'])]
    write_keras(out('nested.keras'), config, groups, '3.6.0', True)
    x = rand(3, 4, scale=1.0)
    W = {n: f64(*a) for n, a in w.items()}
    h = np.tanh(act('relu', x.astype(np.float64) @ W['enc1'][0] + W['enc1'][1]) @ W['enc2'][0] + W['enc2'][1])
    h = act('sigmoid', h @ W['head'][0] + W['head'][1])
    write_expected(out('nested.json'), [x], h @ W['out'][0] + W['out'][1])


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    cnn()
    recurrent('lstm')
    recurrent('gru')
    two_inputs()
    zoo_sequence()
    zoo_image()
    nested()
    print('wrote', sorted(os.listdir(OUT)))
