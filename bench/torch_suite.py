"""One PyTorch CPU figure of the benchmark suite (bench/suite.ts runs it once per measured run):
/usr/bin/python3 bench/torch_suite.py --row cnn32|cnn128|charlstm|transformer|conv3d|rss --seconds 5 --threads 2
Prints {"row": ..., "value": ...}: samples/s (tokens/s for charlstm; peak RSS in bytes for rss), a training step
being zero_grad, forward, cross-entropy, backward, Adam step on random data, after 3 warm-up steps."""
import argparse, json, time
import torch
import torch.nn.functional as F
from torch_models import CharLSTM, Seed, TextTransformer, VideoConv3D

p = argparse.ArgumentParser()
p.add_argument('--row', required=True)
p.add_argument('--threads', type=int, default=2)
p.add_argument('--seconds', type=float, default=5)
args = p.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)

ROWS = {
    # row: (model, input batch, target batch, items per step)
    'cnn32': lambda: (Seed(), torch.rand(32, 1, 28, 28), torch.randint(0, 10, (32,)), 32),
    'cnn128': lambda: (Seed(), torch.rand(128, 1, 28, 28), torch.randint(0, 10, (128,)), 128),
    'rss': lambda: (Seed(), torch.rand(32, 1, 28, 28), torch.randint(0, 10, (32,)), 32),
    'charlstm': lambda: (CharLSTM(), torch.randint(0, 96, (32, 64)), torch.randint(0, 96, (32, 64)), 32 * 64),
    'transformer': lambda: (TextTransformer(), torch.randint(0, 1000, (32, 128)), torch.randint(0, 2, (32,)), 32),
    'conv3d': lambda: (VideoConv3D(), torch.rand(8, 3, 16, 64, 64), torch.randint(0, 10, (8,)), 8),
}
model, x, y, items = ROWS[args.row]()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)


def step():
    opt.zero_grad()
    out = model(x)
    loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
    loss.backward()
    opt.step()


for _ in range(3):
    step()
n, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < args.seconds:
    step()
    n += 1
rate = n * items / (time.perf_counter() - t0)


def peak_rss():
    # VmHWM, not ru_maxrss: ru_maxrss keeps the peak of the forked parent from before exec (a large Node process).
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith('VmHWM:'))


value = peak_rss() if args.row == 'rss' else rate
print(json.dumps({'row': args.row, 'value': value, 'torch': torch.__version__}))
