#!/usr/bin/python3
"""The Python PyTorch peer of bench_step: the same training steps with torchvision's models.

Run with Debian's /usr/bin/python3 (python3-torch 1.13, python3-torchvision 0.14: the LibTorch
eorun links). Takes bench_step's options and prints the same JSON line, "impl": "pytorch".
torchvision's resnet<depth> / densenet<depth> with num_classes = --classes and the first
convolution replaced for --bands input bands (as eorun's plugins build it); Adam or SGD with
eorun's default [train] settings (lr 1e-3, betas 0.9/0.999, eps 1e-8, momentum 0.9, no weight
decay); one step is zero_grad (gradients zeroed, not released), forward, BCE with logits,
loss.item(), backward, optimizer step. Four batches of N(0, 1) inputs and random multi-label
targets are made before the timing and used in turn. --trace writes the timed steps' operators as
a Chrome trace (the legacy autograd profiler, the one bench_step --trace uses).
"""
import argparse
import json
import resource
import sys
import time

import torch
import torchvision

DISTINCT_BATCHES = 4
DEFAULT_DEPTH = {"resnet": 18, "densenet": 121}


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(DEFAULT_DEPTH), default="resnet")
    parser.add_argument("--depth", type=int, default=0, help="0: resnet 18, densenet 121")
    parser.add_argument("--bands", type=int, default=12)
    parser.add_argument("--size", type=int, default=120)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--classes", type=int, default=19)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--trace", default="", help="write a Chrome trace of the timed steps")
    args = parser.parse_args()
    if args.depth == 0:
        args.depth = DEFAULT_DEPTH[args.model]
    return args


def peak_rss_mib():
    # Linux reports ru_maxrss in kibibytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def make_model(args):
    net = getattr(torchvision.models, f"{args.model}{args.depth}")(num_classes=args.classes)
    if args.model == "resnet":
        old = net.conv1
        net.conv1 = torch.nn.Conv2d(args.bands, old.out_channels, 7, 2, 3, bias=False)
        torch.nn.init.kaiming_normal_(net.conv1.weight, mode="fan_out", nonlinearity="relu")
    else:
        old = net.features.conv0
        net.features.conv0 = torch.nn.Conv2d(args.bands, old.out_channels, 7, 2, 3, bias=False)
        torch.nn.init.kaiming_normal_(net.features.conv0.weight)
    return net


def make_optimizer(args, parameters):
    if args.optimizer == "adam":
        return torch.optim.Adam(parameters, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)
    return torch.optim.SGD(parameters, lr=1e-3, momentum=0.9, weight_decay=0)


def main():
    args = parse()
    start_rss = peak_rss_mib()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
    torch.manual_seed(args.seed)
    model = make_model(args)
    optimizer = make_optimizer(args, model.parameters())
    loss_fn = torch.nn.BCEWithLogitsLoss()
    model.train()

    inputs = [torch.randn(args.batch, args.bands, args.size, args.size)
              for _ in range(DISTINCT_BATCHES)]
    targets = [torch.randint(0, 2, (args.batch, args.classes)).float()
               for _ in range(DISTINCT_BATCHES)]

    last_loss = 0.0

    def step(i):
        nonlocal last_loss
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(inputs[i % DISTINCT_BATCHES]), targets[i % DISTINCT_BATCHES])
        last_loss = loss.item()
        loss.backward()
        optimizer.step()

    for i in range(args.warmup):
        step(i)
    profile = torch.autograd.profiler.profile(enabled=bool(args.trace), use_kineto=False)
    with profile:
        cpu_before = cpu_seconds()
        start = time.perf_counter()
        for i in range(args.steps):
            step(args.warmup + i)
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_before
    if args.trace:
        profile.export_chrome_trace(args.trace)

    line = {
        "impl": "pytorch",
        "model": f"{args.model}{args.depth}",
        "bands": args.bands,
        "size": args.size,
        "batch": args.batch,
        "classes": args.classes,
        "threads": args.threads,
        "torch_threads": torch.get_num_threads(),
        "optimizer": args.optimizer,
        "warmup": args.warmup,
        "steps": args.steps,
        "seconds": seconds,
        "samples_per_s": args.steps * args.batch / seconds,
        "cpu_seconds": cpu,
        "start_rss_mib": start_rss,
        "peak_rss_mib": peak_rss_mib(),
        "last_loss": last_loss,
    }
    print(json.dumps(line, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
