#!/usr/bin/python3
"""Hypothesis + PyTorch peer of kvcheck's output-equivalence search for the fixed variant.

Each example draws a configuration over kvcheck's full-range bounds (ConfigBounds in
include/kvcheck/check/config_gen.hpp, drawn in gen_config's order, which is also the shrink
order):

    n_kv_heads 1..4, group 1..4 (n_heads = group * n_kv_heads), head_dim 1..8, batch 1..2,
    prompt_len 1..6, decode_steps 0..4, cache_spare 0..2, chunk 0..5, hidden 1..8

with max_seq_len = prompt_len + decode_steps + cache_spare, and a chunked prefill when
0 < chunk < prompt_len (as with_run does; chunk is drawn up to the bound's prompt_len - 1,
not the drawn one). It makes float64 inputs (x [batch, prompt_len + decode_steps, hidden] in
[-1, 1), weights in [-1, 1) scaled by 1 / sqrt(fan_in)), runs the cached forward step by step
(the prefill in chunks, then one token per decode step, through a cache
[batch, max_seq_len, n_kv_heads, head_dim] with repeat_interleave after the read), runs a
plain causal GQA forward over the whole sequence (query head h reads kv head h // group),
and asserts that every output agrees within 1e-9 * max(1, max |expected|).

With --tile the cached forward repeats kv heads with Tensor.repeat (tiling: head h reads kv
head h % n_kv_heads), kvcheck's tile-repeat variant, and Hypothesis must find and shrink a
failure (the smallest is n_kv_heads 2, group 2).

The numbers are not kvcheck's (kvcheck draws its inputs from std::mt19937_64); like
kvcheck, every example uses inputs from the same --seed.

kvcheck counterparts (the verify run also does the symbolic proof, so `time` covers proof
and search):

    time kvcheck verify --variant fixed --property output-equivalence --full-range --cases 2000 --seed 1
    time kvcheck verify --variant tile-repeat --property output-equivalence --full-range --cases 2000 --seed 1

Run:

    time python3 bench/peers/property_peer.py                 # 2000 examples, must hold
    time python3 bench/peers/property_peer.py --tile          # must fail, shrunk example printed

Exit code, as kvcheck verify's: 0 when the outcome is the expected one (holds without
--tile, fails with it), 1 otherwise.
"""

import time

SCRIPT_START = time.perf_counter()

import argparse
import math
import os
import sys
from dataclasses import dataclass
from typing import Optional

import torch

from peer_rope import apply_rope, rope_tables
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st

IMPORTS_DONE = time.perf_counter()

TOLERANCE = 1e-9

# kvcheck's ConfigBounds defaults (upper bounds; lower bounds are 1, or 0 for decode_steps,
# cache_spare and chunk).
BOUNDS = {"n_kv_heads": 4, "group": 4, "head_dim": 8, "batch": 2, "prompt_len": 6,
          "decode_steps": 4, "cache_spare": 2, "hidden": 8}


def process_seconds():
    """Wall time since this process started (interpreter start-up included), from /proc."""
    try:
        with open("/proc/self/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of the whole line: starttime
        with open("/proc/uptime") as uptime:
            now = float(uptime.read().split()[0])
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - SCRIPT_START


# --------------------------------------------------------------------------------------------
# Configurations


@dataclass(frozen=True)
class Config:
    n_heads: int
    n_kv_heads: int
    head_dim: int
    hidden: int
    batch: int
    prompt_len: int
    decode_steps: int
    max_seq_len: int
    prefill_chunk: Optional[int]

    @property
    def group(self):
        return self.n_heads // self.n_kv_heads

    @property
    def tokens(self):
        return self.prompt_len + self.decode_steps

    def spec(self):
        """kvcheck's config spec (as `kvcheck replay --config` reads it)."""
        out = ("n_heads=%d n_kv_heads=%d head_dim=%d hidden=%d batch=%d prompt_len=%d "
               "decode_steps=%d max_seq_len=%d"
               % (self.n_heads, self.n_kv_heads, self.head_dim, self.hidden, self.batch,
                  self.prompt_len, self.decode_steps, self.max_seq_len))
        if self.prefill_chunk is not None:
            out += " prefill_chunk=%d" % self.prefill_chunk
        return out


@st.composite
def configs(draw):
    b = BOUNDS
    n_kv_heads = draw(st.integers(1, b["n_kv_heads"]))
    group = draw(st.integers(1, b["group"]))
    head_dim = draw(st.integers(1, b["head_dim"]))
    batch = draw(st.integers(1, b["batch"]))
    prompt_len = draw(st.integers(1, b["prompt_len"]))
    decode_steps = draw(st.integers(0, b["decode_steps"]))
    spare = draw(st.integers(0, b["cache_spare"]))
    chunk = draw(st.integers(0, b["prompt_len"] - 1))
    hidden = draw(st.integers(1, b["hidden"]))
    return Config(
        n_heads=group * n_kv_heads, n_kv_heads=n_kv_heads, head_dim=head_dim, hidden=hidden,
        batch=batch, prompt_len=prompt_len, decode_steps=decode_steps,
        max_seq_len=prompt_len + decode_steps + spare,
        prefill_chunk=chunk if 0 < chunk < prompt_len else None)


def regimes(c):
    """kvcheck's regime names for a config (src/check/config_gen.cpp)."""
    out = []
    if c.group == 1:
        out.append("MHA")
    if c.group > 1 and c.n_kv_heads > 1:
        out.append("GQA")
    if c.group > 1 and c.n_kv_heads == 1:
        out.append("MQA")
    if c.group & (c.group - 1):
        out.append("group not a power of two")
    out.append("prefill only" if c.decode_steps == 0 else "decode")
    if c.prefill_chunk is not None:
        out.append("chunked prefill")
    if c.max_seq_len == c.tokens:
        out.append("cache filled to capacity")
    if c.batch > 1:
        out.append("batch > 1")
    return out


REGIME_NAMES = ["MHA", "GQA", "MQA", "group not a power of two", "prefill only", "decode",
                "chunked prefill", "cache filled to capacity", "batch > 1"]


def run_steps(c):
    """(pos, len, label) of every step: prefill (in chunks), then one token per decode step."""
    size = c.prefill_chunk if c.prefill_chunk is not None else c.prompt_len
    chunks = (c.prompt_len + size - 1) // size
    steps = []
    for i in range(chunks):
        pos = i * size
        label = "prefill" if chunks == 1 else "prefill chunk %d/%d" % (i + 1, chunks)
        steps.append((pos, min(size, c.prompt_len - pos), label))
    for k in range(c.decode_steps):
        steps.append((c.prompt_len + k, 1, "decode %d" % (k + 1)))
    return steps


# --------------------------------------------------------------------------------------------
# Inputs


def stream_seed(seed, stream):
    """A well-mixed 63-bit seed per (seed, tensor), so nearby seeds share no stream."""
    z = (seed + 0x9E3779B97F4A7C15 * stream) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return (z ^ (z >> 31)) >> 1


def draw_tensor(shape, seed, stream, scale):
    g = torch.Generator().manual_seed(stream_seed(seed, stream))
    return (torch.rand(shape, generator=g, dtype=torch.float64) * 2.0 - 1.0) * scale


@dataclass
class Inputs:
    x: torch.Tensor   # [batch, tokens, hidden]
    wq: torch.Tensor  # [n_heads * head_dim, hidden]
    wk: torch.Tensor  # [n_kv_heads * head_dim, hidden]
    wv: torch.Tensor
    wo: torch.Tensor  # [hidden, n_heads * head_dim]


def make_inputs(c, seed):
    q_width = c.n_heads * c.head_dim
    kv_width = c.n_kv_heads * c.head_dim
    hidden_scale = 1.0 / math.sqrt(c.hidden)
    return Inputs(
        x=draw_tensor((c.batch, c.tokens, c.hidden), seed, 1, 1.0),
        wq=draw_tensor((q_width, c.hidden), seed, 2, hidden_scale),
        wk=draw_tensor((kv_width, c.hidden), seed, 3, hidden_scale),
        wv=draw_tensor((kv_width, c.hidden), seed, 4, hidden_scale),
        wo=draw_tensor((c.hidden, q_width), seed, 5, 1.0 / math.sqrt(q_width)))


# --------------------------------------------------------------------------------------------
# The cached forward: kvcheck's fixed program, one step at a time


def cached_forward(c, inputs, tile):
    """Outputs [batch, tokens, hidden] of every step through the cache."""
    bsz, hd, group = c.batch, c.head_dim, c.group
    cache_k = torch.zeros((c.batch, c.max_seq_len, c.n_kv_heads, hd), dtype=torch.float64)
    cache_v = torch.zeros_like(cache_k)
    cos_table, sin_table = rope_tables(c.max_seq_len, hd)
    out = torch.zeros((c.batch, c.tokens, c.hidden), dtype=torch.float64)
    for pos, seqlen, _ in run_steps(c):
        x = inputs.x[:, pos : pos + seqlen]
        xq = torch.nn.functional.linear(x, inputs.wq).view(bsz, seqlen, c.n_heads, hd)
        xk = torch.nn.functional.linear(x, inputs.wk).view(bsz, seqlen, c.n_kv_heads, hd)
        xv = torch.nn.functional.linear(x, inputs.wv).view(bsz, seqlen, c.n_kv_heads, hd)
        cos = cos_table[pos : pos + seqlen]
        sin = sin_table[pos : pos + seqlen]
        xq = apply_rope(xq, cos, sin)
        xk = apply_rope(xk, cos, sin)

        cache_k[:bsz, pos : pos + seqlen] = xk
        cache_v[:bsz, pos : pos + seqlen] = xv
        keys = cache_k[:bsz, : pos + seqlen]
        values = cache_v[:bsz, : pos + seqlen]
        if tile:
            keys = keys.repeat(1, 1, group, 1)
            values = values.repeat(1, 1, group, 1)
        else:
            keys = torch.repeat_interleave(keys, group, dim=2)
            values = torch.repeat_interleave(values, group, dim=2)

        xq = xq.transpose(1, 2)
        keys = keys.transpose(1, 2)
        values = values.transpose(1, 2)
        scores = torch.matmul(xq, keys.transpose(2, 3)) / math.sqrt(hd)
        query_pos = torch.arange(pos, pos + seqlen)[:, None]
        key_pos = torch.arange(pos + seqlen)[None, :]
        scores = scores.masked_fill(key_pos > query_pos, float("-inf"))
        scores = torch.softmax(scores, dim=-1)
        attn = torch.matmul(scores, values)
        y = attn.transpose(1, 2).contiguous().view(bsz, seqlen, -1)
        out[:, pos : pos + seqlen] = torch.nn.functional.linear(y, inputs.wo)
    return out


# --------------------------------------------------------------------------------------------
# The plain forward: the whole sequence at once, no cache, heads mapped by index


def full_forward(c, inputs):
    t, hd = c.tokens, c.head_dim
    x = inputs.x
    q = (x @ inputs.wq.T).view(c.batch, t, c.n_heads, hd)
    k = (x @ inputs.wk.T).view(c.batch, t, c.n_kv_heads, hd)
    v = (x @ inputs.wv.T).view(c.batch, t, c.n_kv_heads, hd)
    cos, sin = rope_tables(t, hd)
    q = apply_rope(q, cos, sin)
    k = apply_rope(k, cos, sin)
    kv_of_head = torch.arange(c.n_heads) // c.group  # query head h reads kv head h // group
    k = k.index_select(2, kv_of_head)
    v = v.index_select(2, kv_of_head)
    scores = torch.einsum("bihd,bjhd->bhij", q, k) / math.sqrt(hd)
    visible = torch.ones((t, t), dtype=torch.bool).tril()
    weights = torch.softmax(scores.masked_fill(~visible, float("-inf")), dim=-1)
    heads = torch.einsum("bhij,bjhd->bihd", weights, v).reshape(c.batch, t, c.n_heads * hd)
    return heads @ inputs.wo.T


# --------------------------------------------------------------------------------------------
# The property


def step_of_position(c, position):
    for pos, seqlen, label in run_steps(c):
        if pos <= position < pos + seqlen:
            return label
    return ""


def check_case(c, seed, tile):
    """None when the cached forward equals the full forward, else what differs."""
    inputs = make_inputs(c, seed)
    try:
        actual = cached_forward(c, inputs, tile)
    except RuntimeError as error:
        return {"step": "", "message": "the cached forward raised: %s" % str(error).splitlines()[0]}
    expected = full_forward(c, inputs)
    tol = TOLERANCE * max(1.0, expected.abs().max().item())
    gap = (expected - actual).abs()
    bad = ~(gap <= tol)  # NaN is never within
    if not bad.any():
        return None
    worst = torch.where(bad, torch.nan_to_num(gap, nan=math.inf), torch.zeros_like(gap))
    b, p, k = divmod_index(int(worst.argmax()), worst.shape)
    step = step_of_position(c, p)
    return {
        "step": step,
        "batch": b, "position": p, "feature": k,
        "expected": expected[b, p, k].item(), "actual": actual[b, p, k].item(),
        "gap": gap[b, p, k].item(), "tolerance": tol,
        "message": "%s: output differs from the full forward at position %d by %g (tolerance %g)"
                   % (step, p, gap[b, p, k].item(), tol),
    }


def divmod_index(flat, shape):
    _, t, h = shape
    return flat // (t * h), (flat // h) % t, flat % h


def main():
    parser = argparse.ArgumentParser(
        description="Hypothesis search of output equivalence (cached step-by-step forward vs "
        "a plain causal GQA forward) at kvcheck's full-range bounds.")
    parser.add_argument("--examples", type=int, default=2000, help="max_examples (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the numeric inputs (default 1)")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    parser.add_argument("--tile", action="store_true",
                        help="repeat kv heads with Tensor.repeat (tiling) instead of repeat_interleave")
    args = parser.parse_args()
    if args.examples < 1:
        parser.error("--examples must be at least 1")
    torch.set_num_threads(max(1, args.threads))

    variant = "tile-repeat" if args.tile else "fixed"
    state = {"calls": 0, "first_failure_at": None, "failing_calls": 0, "last_failing": None}
    covered = dict.fromkeys(REGIME_NAMES, 0)

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
              report_multiple_bugs=False, print_blob=False)
    @given(configs())
    def output_equivalence(c):
        state["calls"] += 1
        if state["first_failure_at"] is None:
            for name in regimes(c):
                covered[name] += 1
        failure = check_case(c, args.seed, args.tile)
        if failure is not None:
            state["failing_calls"] += 1
            if state["first_failure_at"] is None:
                state["first_failure_at"] = state["calls"]
            state["last_failing"] = (c, failure)
            raise AssertionError(failure["message"])

    loop_start = time.perf_counter()
    failed = False
    try:
        output_equivalence()
    except AssertionError:
        failed = True
    loop_seconds = time.perf_counter() - loop_start
    total_seconds = process_seconds()

    print("output-equivalence / %s (%s), Hypothesis, full-range draws, float64, inputs seed %d"
          % (variant, "Tensor.repeat" if args.tile else "repeat_interleave", args.seed))
    searched = state["calls"] if not failed else state["first_failure_at"]
    if failed:
        c, f = state["last_failing"]
        print("verdict: FAILS at example %d (after %d passing); %d test calls in all, %d of them "
              "failing (the first failure, then while shrinking)"
              % (state["first_failure_at"], state["first_failure_at"] - 1, state["calls"],
                 state["failing_calls"]))
        print("  shrunk config   %s" % c.spec())
        print("  step            %s" % (f["step"] or "-"))
        print("  error           %s" % f["message"])
        if "gap" in f:
            print("  where           batch %d, position %d, feature %d: expected %.17g, got %.17g"
                  % (f["batch"], f["position"], f["feature"], f["expected"], f["actual"]))
        print("  kvcheck replay  kvcheck replay --variant %s --property output-equivalence "
              "--config \"%s\" --seed %d" % (variant, c.spec(), args.seed))
    else:
        print("verdict: holds on %d examples" % state["calls"])
    print(("coverage up to the first failure: " if failed else "coverage: ") +
          ", ".join("%s %d" % (name, n) for name, n in covered.items()))
    startup = total_seconds - loop_seconds
    print("time: %.2f s in all since process start (start-up and imports %.2f s, of which torch and "
          "hypothesis imports %.2f s), test loop %.2f s"
          % (total_seconds, startup, IMPORTS_DONE - SCRIPT_START, loop_seconds))
    print("rate: %.1f examples/s over the whole process, %.1f examples/s in the test loop "
          "(%d test calls)"
          % (state["calls"] / total_seconds, state["calls"] / loop_seconds, state["calls"]))
    if searched != state["calls"]:
        print("      %d examples up to the first failure; the other %d calls shrank it"
              % (searched, state["calls"] - searched))
    expected_failure = args.tile
    return 0 if failed == expected_failure else 1


if __name__ == "__main__":
    sys.exit(main())
