"""Keras's file formats and layer math for scripts/make_keras_fixtures.py (see its docstring): config
builders in the shape serialize_keras_object writes, writers of .keras archives and tf.keras 2 .h5 files, and
numpy / torch implementations of the Keras layers that the expected outputs come from."""
import io, json, zipfile
import h5py
import numpy as np
import torch

# ---- Keras 3 configs (serialize_keras_object's {module, class_name, config, registered_name}) ----------------

class K3:
    """Config builder; 'new' mimics Keras >= 3.4 (DTypePolicy objects), 'old' Keras 3.0 (dtype strings)."""

    def __init__(self, style):
        self.style = style

    def dtype(self):
        if self.style == 'old':
            return 'float32'
        return {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}

    @staticmethod
    def obj(module, cls, config):
        return {'module': module, 'class_name': cls, 'config': config, 'registered_name': None}

    def init(self, cls, **config):
        return self.obj('keras.initializers', cls, config)

    def layer(self, cls, name, config, build=None):
        entry = self.obj('keras.layers', cls, {'name': name, 'trainable': True, 'dtype': self.dtype(), **config})
        if build is not None:
            entry['build_config'] = {'input_shape': build}
        return entry

    def input(self, name, batch_shape, dtype='float32'):
        config = {'batch_shape': batch_shape, 'dtype': dtype, 'sparse': False, 'name': name}
        if self.style == 'new':
            config['ragged'] = False
        return self.obj('keras.layers', 'InputLayer', config)

    def weights(self, prefix, *, bias_init='Zeros'):
        out = {f'{prefix}_initializer': self.init('GlorotUniform', seed=None), 'bias_initializer': self.init(bias_init)}
        for k in ('kernel_regularizer', 'bias_regularizer', 'kernel_constraint', 'bias_constraint'):
            out[k.replace('kernel', prefix)] = None
        return out

    def dense(self, name, units, activation, build):
        c = {'units': units, 'activation': activation, 'use_bias': True, **self.weights('kernel')}
        if self.style == 'new':
            c['quantization_config'] = None
        return self.layer('Dense', name, c, build)

    def conv(self, cls, name, filters, kernel, strides, padding, activation, build, transpose=False):
        rank = len(kernel)
        c = {'filters': filters, 'kernel_size': kernel, 'strides': strides, 'padding': padding,
             'data_format': 'channels_last', 'dilation_rate': [1] * rank}
        c.update({'output_padding': None} if transpose else {'groups': 1})
        c.update({'activation': activation, 'use_bias': True, **self.weights('kernel'), 'activity_regularizer': None})
        return self.layer(cls, name, c, build)

    def pool(self, cls, name, size, strides, build):
        return self.layer(cls, name, {'pool_size': size, 'padding': 'valid', 'strides': strides, 'data_format': 'channels_last'}, build)

    def rnn_common(self, units, return_sequences, go_backwards=False):
        c = {'return_sequences': return_sequences, 'return_state': False, 'go_backwards': go_backwards,
             'stateful': False, 'unroll': False, 'zero_output_for_mask': return_sequences, 'units': units,
             'activation': 'tanh'}
        return c

    def recurrent(self, cls, name, units, return_sequences, build, go_backwards=False, **extra):
        c = self.rnn_common(units, return_sequences, go_backwards)
        if cls != 'SimpleRNN':
            c['recurrent_activation'] = 'sigmoid'
        c.update({'use_bias': True, 'kernel_initializer': self.init('GlorotUniform', seed=None),
                  'recurrent_initializer': self.init('Orthogonal', gain=1.0, seed=None), 'bias_initializer': self.init('Zeros')})
        if cls == 'LSTM':
            c['unit_forget_bias'] = True
        for k in ('kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer',
                  'kernel_constraint', 'recurrent_constraint', 'bias_constraint'):
            c[k] = None
        c.update({'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': None, **extra})
        return self.layer(cls, name, c, build)


def keras_tensor(shape, history, dtype='float32'):
    return {'class_name': '__keras_tensor__', 'config': {'shape': shape, 'dtype': dtype, 'keras_history': [history, 0, 0]}}


def node(*args):
    return {'args': list(args), 'kwargs': {}}


def functional(k, name, entries, inputs, outputs):
    """entries: (layer entry, [node, ...]) in the model's layer order."""
    layers = []
    for entry, nodes in entries:
        entry = dict(entry)
        entry['name'] = entry['config']['name']
        entry['inbound_nodes'] = nodes
        layers.append(entry)
    config = {'name': name, 'trainable': True, 'layers': layers, 'input_layers': inputs, 'output_layers': outputs}
    return {'module': 'keras.src.models.functional', 'class_name': 'Functional', 'config': config, 'registered_name': 'Functional',
            'build_config': {'input_shape': None}, 'compile_config': None}


def sequential(k, name, entries, batch_shape):
    config = {'name': name, 'trainable': True, 'dtype': k.dtype(), 'layers': entries, 'build_input_shape': batch_shape}
    return {'module': 'keras', 'class_name': 'Sequential', 'config': config, 'registered_name': None,
            'build_config': {'input_shape': batch_shape}, 'compile_config': None}


# ---- writers ------------------------------------------------------------------------------------------------

def write_keras(path, config, groups, version, named):
    """groups: (h5 path of the saveable, its name, [arrays]) — written as <path>/vars/<i>."""
    buf = io.BytesIO()
    with h5py.File(buf, 'w') as f:
        top = f.create_group('vars')
        if named:
            top.attrs['name'] = config['config']['name']
        for group, name, arrays in groups:
            v = f.create_group(f'{group}/vars')
            if named:
                v.attrs['name'] = name
            for i, a in enumerate(arrays):
                v[str(i)] = a
    meta = {'keras_version': version, 'date_saved': '2024-06-07@12:00:00'}
    with zipfile.ZipFile(path, 'w') as z:  # Keras stores the members uncompressed
        for member, data in (('metadata.json', json.dumps(meta).encode()), ('config.json', json.dumps(config).encode()),
                             ('model.weights.h5', buf.getvalue())):
            z.writestr(zipfile.ZipInfo(member, (2024, 6, 7, 12, 0, 0)), data)


def write_legacy_h5(path, model_config, layers, weights_only=False):
    """layers: (layer name, [(weight name, array)]) in model.layers order (tf.keras 2's save_weights_to_hdf5_group)."""
    with h5py.File(path, 'w') as f:
        if weights_only:
            g = f
        else:
            f.attrs['backend'] = 'tensorflow'
            f.attrs['keras_version'] = '2.15.0'
            f.attrs['model_config'] = json.dumps(model_config).encode('utf8')
            g = f.create_group('model_weights')
        g.attrs['layer_names'] = np.asarray([n.encode('utf8') for n, _ in layers])
        g.attrs['backend'] = b'tensorflow'
        g.attrs['keras_version'] = b'2.15.0'
        for name, weights in sorted(layers, key=lambda l: l[0]):
            lg = g.create_group(name)
            lg.attrs['weight_names'] = np.asarray([w.encode('utf8') for w, _ in weights], dtype='S' if weights else 'f8')
            for w, a in weights:
                lg.create_dataset(w, a.shape, dtype=a.dtype)[...] = a
        tg = g.create_group('top_level_model_weights')
        tg.attrs['weight_names'] = np.asarray([], dtype='f8')


def write_expected(path, inputs, outputs):
    with open(path, 'w') as f:
        json.dump({'inputs': [x.tolist() for x in inputs], 'outputs': outputs.tolist()}, f)


# ---- the Keras layer math (float64) --------------------------------------------------------------------------

def act(name, x):
    if name == 'relu':
        return np.maximum(x, 0)
    if name == 'tanh':
        return np.tanh(x)
    if name == 'sigmoid':
        return 1 / (1 + np.exp(-x))
    if name == 'softmax':
        e = np.exp(x - x.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)
    assert name == 'linear'
    return x


def same_pads(n, k, s):
    """TensorFlow's 'same': output ceil(n/s); the odd padding cell goes after."""
    total = max((-(-n // s) - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv(x, w, b, strides, padding):
    """x [N, *spatial, C], w [*k, C, F] (cross-correlation, Keras layout)."""
    rank = w.ndim - 2
    if padding == 'same':
        pads = [same_pads(x.shape[1 + i], w.shape[i], strides[i]) for i in range(rank)]
    elif padding == 'causal':
        pads = [(w.shape[0] - 1, 0)]
    else:
        pads = [(0, 0)] * rank
    x = np.pad(x, [(0, 0), *pads, (0, 0)])
    out_sp = [(x.shape[1 + i] - w.shape[i]) // strides[i] + 1 for i in range(rank)]
    y = np.zeros([x.shape[0], *out_sp, w.shape[-1]])
    for off in np.ndindex(*w.shape[:rank]):
        sl = tuple(slice(off[i], off[i] + (out_sp[i] - 1) * strides[i] + 1, strides[i]) for i in range(rank))
        y += x[(slice(None), *sl)] @ w[off]
    return y + b


def conv2d_transpose_same(x, w, b, s):
    """Keras Conv2DTranspose, padding 'same': the gradient of a 'same' conv; w [kh, kw, F, C]."""
    n, h, wd, _ = x.shape
    kh, kw = w.shape[:2]
    full = np.zeros([n, (h - 1) * s + kh, (wd - 1) * s + kw, w.shape[2]])
    for i, j in np.ndindex(h, wd):
        full[:, i * s:i * s + kh, j * s:j * s + kw] += np.einsum('nc,abfc->nabf', x[:, i, j], w)
    ph, pw = same_pads(h * s, kh, s)[0], same_pads(wd * s, kw, s)[0]
    return full[:, ph:ph + h * s, pw:pw + wd * s] + b


def pool(x, size, strides, mode):
    rank = len(size)
    out_sp = [(x.shape[1 + i] - size[i]) // strides[i] + 1 for i in range(rank)]
    windows = []
    for off in np.ndindex(*size):
        sl = tuple(slice(off[i], off[i] + (out_sp[i] - 1) * strides[i] + 1, strides[i]) for i in range(rank))
        windows.append(x[(slice(None), *sl)])
    return np.max(windows, 0) if mode == 'max' else np.mean(windows, 0)


def batch_norm(x, gamma, beta, mean, var, eps=1e-3):
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def layer_norm(x, gamma, beta, eps=1e-3):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * gamma + beta


def simple_rnn(x, k, rk, b):
    h = np.zeros([x.shape[0], k.shape[1]])
    out = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ k + h @ rk + b)
        out.append(h)
    return np.stack(out, 1)


def gru_reset_before(x, k, rk, b):
    """Keras GRU with reset_after=False: the reset gate multiplies the state before the recurrent matmul."""
    u = rk.shape[0]
    h = np.zeros([x.shape[0], u])
    out = []
    for t in range(x.shape[1]):
        xp = x[:, t] @ k + b
        z = act('sigmoid', xp[:, :u] + h @ rk[:, :u])
        r = act('sigmoid', xp[:, u:2 * u] + h @ rk[:, u:2 * u])
        hh = np.tanh(xp[:, 2 * u:] + (r * h) @ rk[:, 2 * u:])
        h = z * h + (1 - z) * hh
        out.append(h)
    return np.stack(out, 1)


def torch_lstm(x, k, rk, b, go_backwards=False):
    """Keras LSTM (gates i, f, c, o = PyTorch's i, f, g, o) through torch.nn.LSTM: kernels transposed."""
    u = rk.shape[0]
    m = torch.nn.LSTM(k.shape[0], u, batch_first=True).double()
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.tensor(k.T.astype(np.float64)))
        m.weight_hh_l0.copy_(torch.tensor(rk.T.astype(np.float64)))
        m.bias_ih_l0.copy_(torch.tensor(b.astype(np.float64)))
        m.bias_hh_l0.zero_()
        xs = torch.tensor(x[:, ::-1].copy() if go_backwards else x)
        return m(xs)[0].numpy()


def torch_gru(x, k, rk, b):
    """Keras GRU with reset_after=True (gates z, r, h) through torch.nn.GRU (gates r, z, n): columns re-ordered."""
    u = rk.shape[0]
    order = lambda w: np.concatenate([w[..., u:2 * u], w[..., :u], w[..., 2 * u:]], -1)
    m = torch.nn.GRU(k.shape[0], u, batch_first=True).double()
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.tensor(order(k).T.astype(np.float64)))
        m.weight_hh_l0.copy_(torch.tensor(order(rk).T.astype(np.float64)))
        m.bias_ih_l0.copy_(torch.tensor(order(b[0]).astype(np.float64)))
        m.bias_hh_l0.copy_(torch.tensor(order(b[1]).astype(np.float64)))
        return m(torch.tensor(x))[0].numpy()


def mha(q_in, v_in, w, heads, key_dim):
    """Keras MultiHeadAttention(query, value) with key = value; w: q/k/v kernels [d, H, K] and biases [H, K],
    output kernel [H, K, d] and bias [d]."""
    q = np.einsum('btd,dhk->bthk', q_in, w[0]) + w[1]
    kk = np.einsum('btd,dhk->bthk', v_in, w[2]) + w[3]
    v = np.einsum('btd,dhk->bthk', v_in, w[4]) + w[5]
    scores = np.einsum('bshk,bthk->bhts', kk, q / np.sqrt(key_dim))
    attn = act('softmax', scores)
    ctx = np.einsum('bhts,bshk->bthk', attn, v)
    return np.einsum('bthk,hkd->btd', ctx, w[6]) + w[7]


def f64(*xs):
    return [x.astype(np.float64) for x in xs]


# ---- tf.keras 2 configs: the same layers, legacy serialization ({class_name, config}, dtype strings) --------

def legacy(value):
    if isinstance(value, dict):
        if value.get('class_name') == 'DTypePolicy':
            return value['config']['name']
        skip = ('module', 'registered_name', 'build_config')
        return {k: legacy(v) for k, v in value.items() if k not in skip}
    return [legacy(v) for v in value] if isinstance(value, list) else value


def legacy_layer(entry, batch_input_shape=None):
    out = legacy(entry)
    c = out['config']
    if out['class_name'] == 'InputLayer':
        out['config'] = {'batch_input_shape': c['batch_shape'], 'dtype': c['dtype'], 'sparse': False, 'ragged': False, 'name': c['name']}
    if out['class_name'] == 'BatchNormalization':
        c['axis'] = [3]  # tf.keras 2 stores the built (positive) axes as a list
        del c['synchronized']
    c.pop('quantization_config', None)
    if batch_input_shape is not None:
        out['config'] = {'name': c['name'], 'trainable': True, 'dtype': 'float32', 'batch_input_shape': batch_input_shape,
                         **{k: v for k, v in c.items() if k not in ('name', 'trainable', 'dtype')}}
    return out

