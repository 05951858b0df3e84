"""The PyTorch reference models of the benchmarks (bench/torch_reference.py, bench/torch_suite.py), the same
architectures as the Tessera side (bench/models.ts)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Seed(nn.Module):
    """The seed MNIST CNN: Conv32 -> Pool -> Conv64 -> Pool -> Dense64 -> Dense10."""
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
        self.d1, self.d2 = nn.Linear(1600, 64), nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.d2(F.relu(self.d1(x.flatten(1))))


class CharLSTM(nn.Module):
    """Embedding 64 -> LSTM 256 -> Dense 96 over every step (the char-LSTM row)."""
    def __init__(self):
        super().__init__()
        self.emb, self.lstm, self.out = nn.Embedding(96, 64), nn.LSTM(64, 256, batch_first=True), nn.Linear(256, 96)

    def forward(self, x):
        return self.out(self.lstm(self.emb(x))[0])


class TextTransformer(nn.Module):
    """Token + position embedding 128 -> one Transformer encoder block (4 heads, FFN 256) -> mean -> Dense 2."""
    def __init__(self, vocab=1000, seq=128, d=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(seq, d)
        self.block = nn.TransformerEncoderLayer(d_model=d, nhead=4, dim_feedforward=256, dropout=0.0, batch_first=True)
        self.out = nn.Linear(d, 2)

    def forward(self, x):
        h = self.emb(x) + self.pos(torch.arange(x.shape[1]))
        return self.out(self.block(h).mean(dim=1))


class VideoConv3D(nn.Module):
    """Conv3D 16 -> MaxPool3D 2 -> Conv3D 32 -> MaxPool3D 2 -> global average -> Dense 10 on 16x64x64x3 clips."""
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv3d(3, 16, 3, padding=1), nn.Conv3d(16, 32, 3, padding=1)
        self.out = nn.Linear(32, 10)

    def forward(self, x):
        x = F.max_pool3d(F.relu(self.c1(x)), 2)
        x = F.max_pool3d(F.relu(self.c2(x)), 2)
        return self.out(x.mean(dim=(2, 3, 4)))
