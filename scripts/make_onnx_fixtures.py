"""Writes the ONNX import fixtures: small models exported by PyTorch's torch.onnx.export (opset 17, dynamic
batch), each with an input and PyTorch's output committed beside it as JSON.
Run once with Debian's python3-torch: /usr/bin/python3 scripts/make_onnx_fixtures.py test/io/onnx-import/fixtures
The tests (test/io/onnx-import) need only the committed files."""
import json, os, sys
import torch
from torch import nn

torch.manual_seed(0)
out_dir = sys.argv[1]


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 16), nn.Tanh(), nn.Dropout(0.1), nn.Linear(16, 3))

    def forward(self, x):
        return self.net(x)


class CnnBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            # Batch norm after the activation: PyTorch's exporter folds a BatchNorm that directly follows a Conv into it.
            nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(4), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3, stride=1), nn.LeakyReLU(0.1), nn.BatchNorm2d(6), nn.AvgPool2d(2))
        self.head = nn.Linear(6 * 1 * 1, 3)

    def forward(self, x):
        return self.head(torch.flatten(self.features(x), 1))


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(5, 8, batch_first=True)
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y[:, -1])


class Gru(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(5, 8, batch_first=True, bidirectional=True)
        self.head = nn.Linear(16, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y.mean(dim=1))


class Transformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(20, 16)
        self.position = nn.Parameter(torch.randn(1, 6, 16) * 0.1)
        self.encoder = nn.TransformerEncoderLayer(d_model=16, nhead=4, dim_feedforward=32, dropout=0.0, batch_first=True)
        self.head = nn.Linear(16, 3)

    def forward(self, tokens):
        h = self.encoder(self.embed(tokens) + self.position)
        return self.head(h.mean(dim=1))


def randomize_bn(model):
    # Running statistics other than 0/1, so that importing them wrongly shows.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


cases = [
    ('mlp', Mlp(), torch.randn(4, 6)),
    ('cnn_bn', CnnBn(), torch.randn(3, 1, 10, 10)),
    ('lstm', Lstm(), torch.randn(3, 7, 5)),
    ('gru', Gru(), torch.randn(3, 7, 5)),
    ('transformer', Transformer(), torch.randint(0, 20, (3, 6))),
]
for name, model, x in cases:
    randomize_bn(model)
    model.eval()
    with torch.no_grad():
        y = model(x)
    path = os.path.join(out_dir, f'{name}.onnx')
    torch.onnx.export(model, (x,), path, opset_version=17, input_names=['input'], output_names=['output'],
                      dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}})
    with open(os.path.join(out_dir, f'{name}.json'), 'w') as f:
        json.dump({'input': {'shape': list(x.shape), 'dtype': 'int64' if x.dtype == torch.int64 else 'float32',
                             'data': x.flatten().tolist()},
                   'output': {'shape': list(y.shape), 'data': [round(v, 7) for v in y.flatten().tolist()]},
                   'torch': torch.__version__}, f)
    print(name, os.path.getsize(path), 'bytes')
