"""RoPE as kvcheck rotates (src/interp/rope.cpp), shared by the peer scripts.

Adjacent pairs (2p, 2p + 1) of a head are rotated by position * 10000^(-2p / head_dim); with
an odd head_dim the last element has no partner and stays as it is. Angles are computed in
float64 whatever the working dtype, as kvcheck computes them in double.
"""

import torch

ROPE_BASE = 10000.0


def rope_tables(positions, head_dim, dtype=torch.float64):
    """cos and sin of every (position, pair) angle, [positions, head_dim // 2], in dtype."""
    pairs = head_dim // 2
    exponent = -2.0 * torch.arange(pairs, dtype=torch.float64) / head_dim
    freqs = torch.pow(torch.tensor(ROPE_BASE, dtype=torch.float64), exponent)
    angles = torch.arange(positions, dtype=torch.float64)[:, None] * freqs[None, :]
    return torch.cos(angles).to(dtype), torch.sin(angles).to(dtype)


def apply_rope(t, cos, sin):
    """Rotates t [bsz, seqlen, heads, head_dim] as tokens at the positions of cos/sin's rows."""
    pairs = cos.shape[-1]
    if pairs == 0:
        return t
    pairs_view = t[..., : 2 * pairs].unflatten(-1, (pairs, 2))
    a = pairs_view[..., 0]
    b = pairs_view[..., 1]
    c = cos[None, :, None, :]
    s = sin[None, :, None, :]
    rotated = torch.stack((a * c - b * s, a * s + b * c), dim=-1).flatten(-2)
    if 2 * pairs == t.shape[-1]:
        return rotated
    return torch.cat((rotated, t[..., 2 * pairs :]), dim=-1)
