#!/usr/bin/python3
"""PyTorch eager peer of kvcheck_numeric_bench: one attention layer with a KV cache.

The forward is the op list of kvcheck's "fixed" variant (src/model/program_builder.cpp),
in float32:

    xq, xk, xv = wq(x), wk(x), wv(x)                  # linear, no bias
    view to [bsz, seqlen, heads, head_dim]
    rotary embedding of xq and xk at positions pos .. pos + seqlen - 1
    cache_k[:bsz, pos : pos + seqlen] = xk             # cache [bsz, max_seq_len, n_kv_heads, head_dim]
    keys = cache_k[:bsz, : pos + seqlen]               # likewise values
    keys = repeat_interleave(keys, group, dim=2)       # query head h reads kv head h // group
    transpose(1, 2); scores = xq @ keys^T / sqrt(head_dim)
    scores.masked_fill(key j > pos + i, -inf); softmax(dim=-1); @ values
    transpose(1, 2).contiguous().view(bsz, seqlen, -1); wo(...)

RoPE follows src/interp/rope.cpp: adjacent pairs (2p, 2p + 1) are rotated by
position * 10000^(-2p / head_dim), the angles computed in float64 and their cos and sin
rounded to the working dtype; with an odd head_dim the last element stays as it is.

Two measurements, at n_heads 32, n_kv_heads 8, head_dim 128, hidden 4096, batch 1:

  prefill  one forward of --tokens tokens (default 2048) into a cache of as many slots,
           milliseconds per forward (median over --repeats after --warmup forwards) and
           GFLOP/s with bench/numeric_bench.cpp's flop count: projections
           2 T hidden (q + 2 kv), attention 4 n_heads T T head_dim (full T x T scores, as
           the program computes them), output 2 T q hidden, where q = n_heads head_dim and
           kv = n_kv_heads head_dim. Each repetition allocates fresh zeroed caches first.
  decode   after a prefill of --decode-prompt tokens (default 512), single-token decode
           steps at pos = 512, 513, ... into a cache of 512 + --decode-steps slots:
           milliseconds per token (median over --decode-steps steps; --warmup untimed steps
           run first at the same positions, which the timed steps then write again).
           Also GFLOP/s (the count above for one query over pos + 1 keys, averaged over the
           timed steps) and weight GB/s (the four projection weights, read once per step,
           over the median time).

kvcheck counterpart (a Release build; KVCHECK_BUILD_BENCH is on by default), its float
benchmarks, whose argument is the thread count:

    kvcheck_numeric_bench --benchmark_filter='<float>'

Run:

    python3 bench/peers/attention_forward.py                  # both, 2 threads
    python3 bench/peers/attention_forward.py --threads 1 --json result.json
    python3 bench/peers/attention_forward.py --tokens 256 --decode-prompt 64 --decode-steps 4 --repeats 1
"""

import argparse
import ctypes
import json
import math
import os
import platform
import statistics
import sys
import time

import torch

from peer_rope import apply_rope, rope_tables

N_HEADS = 32
N_KV_HEADS = 8
HEAD_DIM = 128
HIDDEN = 4096
BATCH = 1


# --------------------------------------------------------------------------------------------
# The layer


def draw_uniform(generator, shape, scale, dtype):
    """Values in [-1, 1) times scale."""
    return (torch.rand(shape, generator=generator, dtype=torch.float64) * 2.0 - 1.0).mul_(scale).to(dtype)


class CachedAttention:
    """One attention layer with a KV cache of n_kv_heads heads, repeated after the read."""

    def __init__(self, n_heads, n_kv_heads, head_dim, hidden, max_batch, max_seq_len, dtype, seed):
        self.n_heads = n_heads
        self.n_kv_heads = n_kv_heads
        self.head_dim = head_dim
        self.group = n_heads // n_kv_heads
        self.max_batch = max_batch
        self.max_seq_len = max_seq_len
        self.dtype = dtype
        g = torch.Generator().manual_seed(seed)
        q_width = n_heads * head_dim
        kv_width = n_kv_heads * head_dim
        self.wq = draw_uniform(g, (q_width, hidden), 1.0 / math.sqrt(hidden), dtype)
        self.wk = draw_uniform(g, (kv_width, hidden), 1.0 / math.sqrt(hidden), dtype)
        self.wv = draw_uniform(g, (kv_width, hidden), 1.0 / math.sqrt(hidden), dtype)
        self.wo = draw_uniform(g, (hidden, q_width), 1.0 / math.sqrt(q_width), dtype)
        self.cos, self.sin = rope_tables(max_seq_len, head_dim, dtype)
        self.reset_cache()

    def reset_cache(self):
        shape = (self.max_batch, self.max_seq_len, self.n_kv_heads, self.head_dim)
        self.cache_k = torch.zeros(shape, dtype=self.dtype)
        self.cache_v = torch.zeros(shape, dtype=self.dtype)

    def forward(self, x, pos):
        bsz, seqlen, _ = x.shape
        xq = torch.nn.functional.linear(x, self.wq)
        xk = torch.nn.functional.linear(x, self.wk)
        xv = torch.nn.functional.linear(x, self.wv)
        xq = xq.view(bsz, seqlen, self.n_heads, self.head_dim)
        xk = xk.view(bsz, seqlen, self.n_kv_heads, self.head_dim)
        xv = xv.view(bsz, seqlen, self.n_kv_heads, self.head_dim)

        cos = self.cos[pos : pos + seqlen]
        sin = self.sin[pos : pos + seqlen]
        xq = apply_rope(xq, cos, sin)
        xk = apply_rope(xk, cos, sin)

        self.cache_k[:bsz, pos : pos + seqlen] = xk
        self.cache_v[:bsz, pos : pos + seqlen] = xv
        keys = self.cache_k[:bsz, : pos + seqlen]
        values = self.cache_v[:bsz, : pos + seqlen]
        keys = torch.repeat_interleave(keys, self.group, dim=2)
        values = torch.repeat_interleave(values, self.group, dim=2)

        xq = xq.transpose(1, 2)  # [bsz, n_heads, seqlen, head_dim]
        keys = keys.transpose(1, 2)
        values = values.transpose(1, 2)
        scores = torch.matmul(xq, keys.transpose(2, 3)) / math.sqrt(self.head_dim)
        # Key j is hidden from query i (at position pos + i) when j > pos + i.
        query_pos = torch.arange(pos, pos + seqlen)[:, None]
        key_pos = torch.arange(pos + seqlen)[None, :]
        scores = scores.masked_fill(key_pos > query_pos, float("-inf"))
        scores = torch.softmax(scores, dim=-1)
        attn = torch.matmul(scores, values)  # [bsz, n_heads, seqlen, head_dim]
        out = attn.transpose(1, 2).contiguous().view(bsz, seqlen, -1)
        return torch.nn.functional.linear(out, self.wo)


def step_flops(queries, keys, n_heads, n_kv_heads, head_dim, hidden):
    """bench/numeric_bench.cpp's count, multiply-adds as two flops: projections, scores and
    probabilities @ values over every key (full queries x keys scores), output projection."""
    t = float(queries)
    q = float(n_heads * head_dim)
    kv = float(n_kv_heads * head_dim)
    attention = 2.0 * 2.0 * n_heads * t * float(keys) * head_dim
    return 2.0 * t * hidden * (q + 2.0 * kv) + attention + 2.0 * t * q * hidden


# --------------------------------------------------------------------------------------------
# What torch computes with


def mapped_libraries(word):
    """Real paths of the shared objects mapped into this process whose name contains word."""
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split(None, 5)
                if len(fields) < 6:
                    continue
                path = fields[5].strip()
                if word in os.path.basename(path).lower():
                    real = os.path.realpath(path)
                    if real not in found:
                        found.append(real)
    except OSError:
        pass
    return found


def blas_report(threads):
    """Lines describing the BLAS torch calls, and a short name for it."""
    lines = []
    for line in torch.__config__.show().splitlines():
        if "blas" not in line.lower():
            continue
        line = line.strip()
        if line.startswith("- Build settings:"):
            # One long line of every build setting: keep the BLAS and LAPACK ones.
            keep = [item.strip() for item in line[len("- Build settings:") :].split(",")
                    if "BLAS" in item or "LAPACK" in item]
            lines.append("torch build settings: " + ", ".join(keep))
        else:
            lines.append("torch config: " + line.lstrip("- "))
    lines.append("torch.backends.mkl.is_available(): %s" % torch.backends.mkl.is_available())

    kind = "unknown"
    libraries = mapped_libraries("blas")
    if not libraries:
        lines.append("no BLAS library is mapped into the process")
    for path in libraries:
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            lines.append("mapped: %s (cannot open: %s)" % (path, error))
            continue
        if hasattr(lib, "openblas_get_corename"):
            lib.openblas_get_corename.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode(errors="replace")
            config = ""
            if hasattr(lib, "openblas_get_config"):
                lib.openblas_get_config.restype = ctypes.c_char_p
                config = lib.openblas_get_config().decode(errors="replace")
            if hasattr(lib, "openblas_set_num_threads"):
                # OpenBLAS keeps its own thread pool; torch.set_num_threads does not reach it.
                lib.openblas_set_num_threads(ctypes.c_int(threads))
            lines.append("mapped: %s: OpenBLAS, core %s, config %s" % (path, core, config.strip()))
            if hasattr(lib, "openblas_get_num_threads"):
                lines.append("OpenBLAS threads: %d" % lib.openblas_get_num_threads())
            kind = "OpenBLAS " + core
        elif hasattr(lib, "bli_info_get_version_str"):
            lib.bli_info_get_version_str.restype = ctypes.c_char_p
            version = lib.bli_info_get_version_str().decode(errors="replace")
            lines.append("mapped: %s: BLIS %s" % (path, version))
            kind = "BLIS " + version
        elif hasattr(lib, "MKL_Get_Version_String"):
            lines.append("mapped: %s: MKL" % path)
            kind = "MKL"
        elif hasattr(lib, "sgemm_"):
            # Debian's libblas3 (the default libblas.so.3 alternative, under .../blas/) is the
            # Netlib reference BLAS: plain loops on one thread.
            reference = "/blas/" in path
            lines.append("mapped: %s: exports sgemm_, no OpenBLAS, BLIS or MKL version call%s"
                         % (path, " (the Netlib reference BLAS, single-threaded)" if reference else ""))
            if kind == "unknown":
                kind = "reference BLAS (Netlib)" if reference else "BLAS without a version call"
        else:
            lines.append("mapped: %s" % path)
    return lines, kind


def cpu_name():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


# --------------------------------------------------------------------------------------------
# Measurements


def median_ms(seconds):
    return statistics.median(seconds) * 1e3


def measure_prefill(args):
    tokens = args.tokens
    layer = CachedAttention(N_HEADS, N_KV_HEADS, HEAD_DIM, HIDDEN, BATCH, tokens, torch.float32, args.seed)
    x = draw_uniform(torch.Generator().manual_seed(args.seed + 1), (BATCH, tokens, HIDDEN), 1.0, torch.float32)
    times = []
    with torch.inference_mode():
        for i in range(args.warmup + args.repeats):
            start = time.perf_counter()
            layer.reset_cache()
            y = layer.forward(x, 0)
            elapsed = time.perf_counter() - start
            if not torch.isfinite(y).all():
                raise SystemExit("prefill produced a non-finite output")
            if i >= args.warmup:
                times.append(elapsed)
    flops = step_flops(tokens, tokens, N_HEADS, N_KV_HEADS, HEAD_DIM, HIDDEN)
    ms = median_ms(times)
    return {
        "tokens": tokens,
        "max_seq_len": tokens,
        "warmup": args.warmup,
        "repeats": args.repeats,
        "ms_per_forward_median": ms,
        "ms_per_forward_min": min(times) * 1e3,
        "ms_per_forward_max": max(times) * 1e3,
        "ms_per_forward_all": [t * 1e3 for t in times],
        "gflop_per_forward": flops / 1e9,
        "gflop_per_s": flops / 1e9 / (ms / 1e3),
    }


def measure_decode(args):
    prompt = args.decode_prompt
    steps = args.decode_steps
    max_seq_len = prompt + steps
    layer = CachedAttention(N_HEADS, N_KV_HEADS, HEAD_DIM, HIDDEN, BATCH, max_seq_len, torch.float32, args.seed)
    x = draw_uniform(torch.Generator().manual_seed(args.seed + 1), (BATCH, max_seq_len, HIDDEN), 1.0, torch.float32)

    def step(pos):
        start = time.perf_counter()
        y = layer.forward(x[:, pos : pos + 1], pos)
        elapsed = time.perf_counter() - start
        if not torch.isfinite(y).all():
            raise SystemExit("decode produced a non-finite output")
        return elapsed

    with torch.inference_mode():
        start = time.perf_counter()
        layer.forward(x[:, :prompt], 0)
        prefill_seconds = time.perf_counter() - start
        # Warm-up steps at the first positions; the timed steps then write the same tokens
        # into the same slots again, so the timed run is pos = prompt, prompt + 1, ...
        for k in range(min(args.warmup, steps)):
            step(prompt + k)
        times = [step(prompt + k) for k in range(steps)]
    ms = median_ms(times)
    flops = statistics.mean(step_flops(1, prompt + k + 1, N_HEADS, N_KV_HEADS, HEAD_DIM, HIDDEN)
                            for k in range(steps))
    weight_bytes = 4.0 * HIDDEN * (2 * N_HEADS + 2 * N_KV_HEADS) * HEAD_DIM
    return {
        "prompt_tokens": prompt,
        "max_seq_len": max_seq_len,
        "warmup_steps": min(args.warmup, steps),
        "timed_steps": steps,
        "first_timed_pos": prompt,
        "prefill_ms": prefill_seconds * 1e3,
        "ms_per_token_median": ms,
        "ms_per_token_min": min(times) * 1e3,
        "ms_per_token_max": max(times) * 1e3,
        "tokens_per_s": 1e3 / ms,
        "gflop_per_s": flops / 1e9 / (ms / 1e3),
        "weight_gb_per_s": weight_bytes / 1e9 / (ms / 1e3),
    }


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def main():
    parser = argparse.ArgumentParser(
        description="Prefill and decode timings of one GQA attention layer with a KV cache "
        "(n_heads 32, n_kv_heads 8, head_dim 128, hidden 4096, float32), PyTorch eager.")
    parser.add_argument("--threads", type=positive, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--run", choices=("both", "prefill", "decode"), default="both")
    parser.add_argument("--tokens", type=positive, default=2048, help="prefill length (default 2048)")
    parser.add_argument("--repeats", type=positive, default=5, help="timed prefill forwards (default 5)")
    parser.add_argument("--warmup", type=non_negative, default=1,
                        help="untimed forwards before timing, prefill and decode each (default 1)")
    parser.add_argument("--decode-prompt", type=positive, default=512,
                        help="tokens prefilled before decoding (default 512)")
    parser.add_argument("--decode-steps", type=positive, default=32, help="timed decode steps (default 32)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the weights and inputs")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON ('-' for stdout)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    blas_lines, blas_kind = blas_report(args.threads)

    def say(line=""):
        # With --json -, stdout carries only the JSON.
        print(line, file=sys.stderr if args.json == "-" else sys.stdout, flush=True)

    say("attention peer: PyTorch %s eager, float32, Python %s" % (torch.__version__, platform.python_version()))
    say("cpu: %s, %d logical cpus, load average %.2f %.2f %.2f"
        % ((cpu_name(), os.cpu_count()) + os.getloadavg()))
    say("torch threads: %d (interop %d), parallel backend: %s"
        % (torch.get_num_threads(), torch.get_num_interop_threads(),
           next((l.split(":", 1)[1].strip() for l in torch.__config__.parallel_info().splitlines()
                 if l.startswith("ATen parallel backend")), "unknown")))
    for line in blas_lines:
        say(line)
    busy = os.getloadavg()[0]
    if busy + args.threads > (os.cpu_count() or 1) + 0.5:
        # An OpenMP team waits for its slowest thread at every op: with a core taken by
        # another process, small ops (decode above all) time the scheduler, not the work.
        say("warning: load average %.2f with %d threads on %d cpus: the timings are not reliable "
            "(try fewer threads or an idle machine)" % (busy, args.threads, os.cpu_count() or 1))
    say("layer: n_heads %d, n_kv_heads %d, head_dim %d, hidden %d, batch %d"
        % (N_HEADS, N_KV_HEADS, HEAD_DIM, HIDDEN, BATCH))

    result = {
        "torch": torch.__version__,
        "threads": args.threads,
        "blas": blas_kind,
        "blas_report": blas_lines,
        "cpu": cpu_name(),
        "load_average_at_start": list(os.getloadavg()),
        "sizes": {"n_heads": N_HEADS, "n_kv_heads": N_KV_HEADS, "head_dim": HEAD_DIM,
                  "hidden": HIDDEN, "batch": BATCH},
    }
    if args.run in ("both", "prefill"):
        p = measure_prefill(args)
        result["prefill"] = p
        say("prefill: %d tokens, median %.1f ms per forward (min %.1f, max %.1f, %d timed after %d warm-up), "
            "%.2f GFLOP per forward, %.2f GFLOP/s"
            % (p["tokens"], p["ms_per_forward_median"], p["ms_per_forward_min"], p["ms_per_forward_max"],
               p["repeats"], p["warmup"], p["gflop_per_forward"], p["gflop_per_s"]))
    if args.run in ("both", "decode"):
        d = measure_decode(args)
        result["decode"] = d
        say("decode: after a %d-token prefill (%.1f ms), median %.2f ms per token (min %.2f, max %.2f) "
            "over %d steps from pos %d (after %d warm-up), %.1f tokens/s, %.2f GFLOP/s, "
            "%.2f weight GB/s"
            % (d["prompt_tokens"], d["prefill_ms"], d["ms_per_token_median"], d["ms_per_token_min"],
               d["ms_per_token_max"], d["timed_steps"], d["first_timed_pos"], d["warmup_steps"],
               d["tokens_per_s"], d["gflop_per_s"], d["weight_gb_per_s"]))
    result["load_average_at_end"] = list(os.getloadavg())
    say("load average at end: %.2f %.2f %.2f" % os.getloadavg())

    if args.json:
        text = json.dumps(result, indent=2)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w") as out:
                out.write(text + "\n")


if __name__ == "__main__":
    main()
