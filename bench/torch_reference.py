"""PyTorch CPU reference figures for bench/onnxruntime.ts (run with Debian's python3-torch:
/usr/bin/python3 bench/torch_reference.py --threads 2 --seconds 10). Prints one JSON object.
Same shapes as the TypeScript side: matmul 1024^3; conv 128x32x13x13 -> 64, 3x3 (fwd, dX, dW);
the seed MNIST CNN trained with Adam at batch 32 and 128 on random data; the char-LSTM
(Embedding 64 -> LSTM 256 -> Dense 96, seq 64, batch 32) in tokens/s. --fit-only skips the
matmul/conv rows (bench/fit.ts uses the training rows only)."""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_models import CharLSTM, Seed

p = argparse.ArgumentParser()
p.add_argument('--threads', type=int, default=2)
p.add_argument('--seconds', type=float, default=10)
p.add_argument('--fit-only', action='store_true', help='only the training rows of bench/fit.ts (CNN, char-LSTM)')
args = p.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)


def timeit(fn, seconds):
    """Median-free simple mean over as many runs as fit in `seconds` (after 3 warm-ups); ms per run."""
    for _ in range(3):
        fn()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    return (time.perf_counter() - t0) / n * 1000


out = {'torch': torch.__version__, 'threads': args.threads}


def micro():
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    ms = timeit(lambda: torch.mm(a, b), min(args.seconds, 3))
    out['matmul_gflops'] = 2 * 1024 ** 3 / (ms / 1000) / 1e9

    x = torch.randn(128, 32, 13, 13, requires_grad=True)
    w = torch.randn(64, 32, 3, 3, requires_grad=True)
    g = torch.randn(128, 64, 11, 11)
    with torch.no_grad():
        out['conv_fwd_ms'] = timeit(lambda: F.conv2d(x, w), min(args.seconds, 3))
    # Autograd's own backward kernels (torch.nn.grad.conv2d_input/weight are slower Python paths).
    y = F.conv2d(x, w)
    out['conv_dx_ms'] = timeit(lambda: torch.autograd.grad(y, x, g, retain_graph=True), min(args.seconds, 3))
    out['conv_dw_ms'] = timeit(lambda: torch.autograd.grad(y, w, g, retain_graph=True), min(args.seconds, 3))


if not args.fit_only:
    micro()


for batch in (32, 128):
    model = Seed()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xb, yb = torch.rand(batch, 1, 28, 28), torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()

    ms = timeit(step, args.seconds)
    out[f'cnn_b{batch}_samples_per_s'] = batch / (ms / 1000)



lstm = CharLSTM()
opt = torch.optim.Adam(lstm.parameters(), lr=1e-3)
xb, yb = torch.randint(0, 96, (32, 64)), torch.randint(0, 96, (32, 64))


def lstm_step():
    opt.zero_grad()
    loss = F.cross_entropy(lstm(xb).reshape(-1, 96), yb.reshape(-1))
    loss.backward()
    opt.step()


ms = timeit(lstm_step, args.seconds)
out['lstm_tokens_per_s'] = 32 * 64 / (ms / 1000)

print(json.dumps(out))
