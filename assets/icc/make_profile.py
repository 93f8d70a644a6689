#!/usr/bin/env python3
"""Generate a CC0 CMYK *output* ICC profile (class 'prtr') for PDF/X OutputIntents.

Source
    CGATS001Compat-v2-micro.icc from https://github.com/saucecontrol/Compact-ICC-Profiles
    (CC0-1.0).  It is an ICC v2.1 'scnr' CMYK->Lab profile with a single A2B0
    (lut16Type / mft2) table modelling CGATS TR 001 (SWOP) printing.  It has no
    BToA tables, so PDF/X preflight rejects it as a DestOutputProfile.

What this script does
    1. Parses the source A2B0 lut (input curves, 6^4 CLUT, output curves) into a
       vectorised numpy forward model CMYK -> Lab that interpolates the same
       way LittleCMS does (linear on the first input, tetrahedral on the rest).
    2. Inverts that model on a Lab grid (default 33^3) to build the B2A table:
       K is chosen by a medium-GCR rule (no K in light tones, rising to 100 %
       toward dark neutrals, less K for high chroma) used as a soft target,
       then C, M, Y (and K where the target is infeasible) are solved by
       damped Gauss-Newton (Levenberg-Marquardt) least squares in ΔE76 with a
       soft penalty and a final hard clamp for a 300 % total ink limit.
       Out-of-gamut nodes get the box-constrained least-squares nearest colour.
    3. Builds a 'gamt' lut (Lab -> 1 channel, 0 = in gamut) from the residual.
    4. Writes a deterministic ICC v2.1 output profile with the full required
       tag set: desc, cprt, wtpt, A2B0/1/2 (source lut, shared), B2A0/1/2
       (computed, shared) and gamt.
    5. With --verify, checks the result with LittleCMS via Pillow's ImageCms.

Usage
    python make_profile.py [--source SRC.icc] [--out report-cmyk.icc]
                           [--grid 33] [--gamut-grid 17] [--verify]

Requires numpy; --verify additionally requires Pillow (with LittleCMS).
The output bytes depend only on the source profile and the parameters.
"""

from __future__ import annotations

import argparse
import hashlib
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_SOURCE = Path(__file__).resolve().parent / "CGATS001Compat-v2-micro.icc"
DEFAULT_OUT = Path(__file__).resolve().parent / "report-cmyk.icc"

DESCRIPTION = "report CMYK (CGATS TR 001 compatible, CC0)"
COPYRIGHT = "CC0 1.0; derived from Compact-ICC-Profiles CGATS001Compat-v2-micro"
CREATION_DATE = (2026, 11, 28, 0, 0, 0)

INK_LIMIT = 3.0            # 300 % total area coverage
INK_LIMIT_SOLVE = 2.985    # target used by the solver (margin for 16-bit rounding)
L_WARP = 1.0              # L input-curve warp: dark node spacing is 1/(1+L_WARP) of linear
AB_WARP = 1.0             # a/b input-curve warp: node spacing near neutral is 1/(1+AB_WARP)
GAMUT_DE_THRESHOLD = 1.0   # ΔE76 residual above which a node counts as out of gamut

D50_XYZ = (0.9642, 1.0, 0.8249)


# --------------------------------------------------------------------------
# ICC parsing
# --------------------------------------------------------------------------

@dataclass
class Lut16:
    """A parsed lut16Type (mft2) table; all values normalised to 0..1."""

    n_in: int
    n_out: int
    grid: int
    in_curves: np.ndarray   # (n_in, n_in_entries)
    clut: np.ndarray        # (grid,)*n_in + (n_out,)
    out_curves: np.ndarray  # (n_out, n_out_entries)
    raw: bytes              # exact tag bytes, for copying


def read_tags(data: bytes) -> dict[str, bytes]:
    """Return {signature: tag bytes} for an ICC profile."""
    count = struct.unpack_from(">I", data, 128)[0]
    tags = {}
    for i in range(count):
        sig, off, size = struct.unpack_from(">4sII", data, 132 + 12 * i)
        tags[sig.decode("latin-1")] = data[off:off + size]
    return tags


def parse_lut16(raw: bytes) -> Lut16:
    """Parse an mft2 tag into normalised curves and CLUT."""
    if raw[:4] != b"mft2":
        raise ValueError("expected lut16Type (mft2)")
    n_in, n_out, grid = raw[8], raw[9], raw[10]
    matrix = struct.unpack_from(">9i", raw, 12)
    if matrix != (65536, 0, 0, 0, 65536, 0, 0, 0, 65536):
        raise ValueError("non-identity mft2 matrix not supported")
    n_in_ent, n_out_ent = struct.unpack_from(">HH", raw, 48)
    pos = 52

    def take(n):
        nonlocal pos
        arr = np.frombuffer(raw, dtype=">u2", count=n, offset=pos).astype(np.float64)
        pos += 2 * n
        return arr / 65535.0

    in_curves = take(n_in * n_in_ent).reshape(n_in, n_in_ent)
    clut = take(grid ** n_in * n_out).reshape((grid,) * n_in + (n_out,))
    out_curves = take(n_out * n_out_ent).reshape(n_out, n_out_ent)
    return Lut16(n_in, n_out, grid, in_curves, clut, out_curves, raw)


# --------------------------------------------------------------------------
# Lab encodings (ICC v2 / lut16 legacy Lab)
# --------------------------------------------------------------------------

def lab_from_v2(u: np.ndarray) -> np.ndarray:
    """Normalised (0..1 == 0..65535) v2 Lab encoding -> Lab."""
    v = u * 65535.0
    return np.stack([v[..., 0] / 65280.0 * 100.0,
                     v[..., 1] / 256.0 - 128.0,
                     v[..., 2] / 256.0 - 128.0], axis=-1)


def v2_from_lab(lab: np.ndarray) -> np.ndarray:
    """Lab -> normalised v2 Lab encoding."""
    return np.stack([lab[..., 0] * 652.80,
                     (lab[..., 1] + 128.0) * 256.0,
                     (lab[..., 2] + 128.0) * 256.0], axis=-1) / 65535.0


# --------------------------------------------------------------------------
# Forward model (CMYK -> Lab), LittleCMS-style interpolation
# --------------------------------------------------------------------------

def apply_curve(curve: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Piecewise-linear evaluation of a sampled 1-D table on 0..1."""
    n = curve.shape[0]
    return np.interp(np.clip(x, 0.0, 1.0), np.linspace(0.0, 1.0, n), curve)


class ForwardModel:
    """Vectorised evaluation of the source A2B0 (CMYK 0..1 -> Lab)."""

    def __init__(self, lut: Lut16):
        if lut.n_in != 4 or lut.n_out != 3:
            raise ValueError("expected a CMYK -> Lab (4 -> 3) lut")
        self.lut = lut

    def __call__(self, cmyk: np.ndarray) -> np.ndarray:
        lut = self.lut
        g = lut.grid
        shape = cmyk.shape[:-1]
        x = cmyk.reshape(-1, 4)
        u = np.stack([apply_curve(lut.in_curves[i], x[:, i]) for i in range(4)], axis=1)
        p = u * (g - 1)
        i0 = np.clip(np.floor(p).astype(np.intp), 0, g - 2)
        f = p - i0
        # linear along the first input (C), tetrahedral on M, Y, K
        idx3 = (i0[:, 1], i0[:, 2], i0[:, 3])
        out_lo = self._tetra_slice(i0[:, 0], idx3, f[:, 1:], g)
        out_hi = self._tetra_slice(i0[:, 0] + 1, idx3, f[:, 1:], g)
        enc = out_lo + f[:, :1] * (out_hi - out_lo)
        enc = np.stack([apply_curve(lut.out_curves[i], enc[:, i]) for i in range(3)], axis=1)
        return lab_from_v2(enc).reshape(shape + (3,))

    def _tetra_slice(self, c_idx, idx3, frac, g):
        """Tetrahedral interpolation in the (M,Y,K) cube of CLUT slice c_idx.

        Walks the cube diagonal from the lower corner, taking the axis with the
        largest fraction first (same result as LittleCMS' six-case code).
        """
        clut = self.lut.clut
        order = np.argsort(-frac, axis=1, kind="stable")
        fs = np.take_along_axis(frac, order, axis=1)
        idx = [i.copy() for i in idx3]
        prev = clut[c_idx, idx[0], idx[1], idx[2]]
        out = prev.copy()
        for step in range(3):
            axis = order[:, step]
            for a in range(3):
                idx[a] = np.where(axis == a, np.minimum(idx[a] + 1, g - 1), idx[a])
            cur = clut[c_idx, idx[0], idx[1], idx[2]]
            out += fs[:, step:step + 1] * (cur - prev)
            prev = cur
        return out


# --------------------------------------------------------------------------
# Inversion (Lab -> CMYK)
# --------------------------------------------------------------------------

def gcr_k_target(lab: np.ndarray, l_paper: float, l_black: float) -> np.ndarray:
    """Medium GCR black generation target (0..1).

    No K above ~L 76, rising smoothly to 100 % at l_black (the lightness of
    solid K alone); reduced for saturated colours.
    """
    L = lab[:, 0]
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    t = np.clip((l_paper - L) / (l_paper - l_black), 0.0, 1.0)
    t0 = 0.27
    k = np.clip((t - t0) / (1.0 - t0), 0.0, 1.0) ** 1.15
    chroma_factor = 1.0 / (1.0 + (chroma / 45.0) ** 2)
    return k * chroma_factor


def _residuals(model, x, target, k_target, w_k, w_ink, ink_limit, w_cmy):
    lab = model(x)
    r_lab = lab - target
    r_k = w_k * (x[:, 3] - k_target)
    excess = np.maximum(x.sum(axis=1) - ink_limit, 0.0)
    r_ink = w_ink * excess
    r_cmy = w_cmy * x[:, :3].sum(axis=1)
    return r_lab, r_k, r_ink, r_cmy, excess > 0


def solve_inverse(model: ForwardModel, target: np.ndarray, k_target: np.ndarray,
                  x0: np.ndarray, *, w_k: float = 2.0, w_ink: float = 150.0,
                  ink_limit: float = INK_LIMIT_SOLVE, w_cmy: float = 0.2,
                  iters: int = 60) -> np.ndarray:
    """Box-constrained Levenberg-Marquardt on ||Lab(x) - target||² + penalties.

    Unknowns are C, M, Y, K in [0, 1]; K is softly pulled to k_target, the
    total ink softly kept under ink_limit, and a weak minimum-CMY-ink term
    picks the leanest solution where the model is flat (the source table
    clamps L at 0 for heavy ink, so rich blacks are otherwise degenerate).
    """
    x = x0.copy()
    n = x.shape[0]
    mu = np.full(n, 1e-3)
    h = 1e-4

    def cost_of(x):
        r_lab, r_k, r_ink, r_cmy, _ = _residuals(model, x, target, k_target,
                                                 w_k, w_ink, ink_limit, w_cmy)
        return (r_lab ** 2).sum(axis=1) + r_k ** 2 + r_ink ** 2 + r_cmy ** 2

    for _ in range(iters):
        r_lab, r_k, r_ink, r_cmy, active = _residuals(model, x, target, k_target,
                                                      w_k, w_ink, ink_limit, w_cmy)
        cost = (r_lab ** 2).sum(axis=1) + r_k ** 2 + r_ink ** 2 + r_cmy ** 2
        base = r_lab + target
        J = np.empty((n, 3, 4))
        for j in range(4):
            step = np.where(x[:, j] + h <= 1.0, h, -h)
            xp = x.copy()
            xp[:, j] += step
            J[:, :, j] = (model(xp) - base) / step[:, None]
        JtJ = np.einsum("nij,nik->njk", J, J)
        Jtr = np.einsum("nij,ni->nj", J, r_lab)
        JtJ[:, 3, 3] += w_k ** 2
        Jtr[:, 3] += w_k * r_k
        JtJ[:, :3, :3] += w_cmy ** 2
        Jtr[:, :3] += (w_cmy * r_cmy)[:, None]
        a = active.astype(float) * w_ink
        JtJ += (a ** 2)[:, None, None] * np.ones((4, 4))
        Jtr += (a * r_ink)[:, None]
        diag = np.einsum("njj->nj", JtJ)
        A = JtJ + (mu[:, None] * (diag + 1e-6))[:, :, None] * np.eye(4)
        delta = np.linalg.solve(A, -Jtr[:, :, None])[:, :, 0]
        x_new = np.clip(x + delta, 0.0, 1.0)
        new_cost = cost_of(x_new)
        better = new_cost < cost
        x = np.where(better[:, None], x_new, x)
        mu = np.where(better, np.maximum(mu / 3.0, 1e-7), np.minimum(mu * 4.0, 1e7))
    return x


def initial_guess(model: ForwardModel, target: np.ndarray, k_target: np.ndarray,
                  ink_limit: float = INK_LIMIT_SOLVE) -> np.ndarray:
    """Brute-force nearest sample (per K level) as a starting point for LM."""
    levels = np.linspace(0.0, 1.0, 11)
    g = np.linspace(0.0, 1.0, 21)
    cmy = np.stack(np.meshgrid(g, g, g, indexing="ij"), axis=-1).reshape(-1, 3)
    k_idx = np.rint(k_target * (len(levels) - 1)).astype(int)
    x0 = np.zeros((target.shape[0], 4))
    for li, k in enumerate(levels):
        sel = np.nonzero(k_idx == li)[0]
        if sel.size == 0:
            continue
        samples = np.concatenate([cmy, np.full((cmy.shape[0], 1), k)], axis=1)
        samples = samples[samples.sum(axis=1) <= ink_limit]
        lab = model(samples)
        for start in range(0, sel.size, 1024):
            chunk = sel[start:start + 1024]
            d = ((target[chunk, None, :] - lab[None, :, :]) ** 2).sum(axis=2)
            x0[chunk] = samples[np.argmin(d, axis=1)]
    return x0


def enforce_ink_limit(x: np.ndarray, limit: float = INK_LIMIT_SOLVE) -> np.ndarray:
    """Hard clamp: scale C, M, Y down so C+M+Y+K <= limit."""
    x = x.copy()
    total = x.sum(axis=1)
    over = total > limit
    cmy = x[over, :3].sum(axis=1)
    scale = np.clip((limit - x[over, 3]) / np.maximum(cmy, 1e-12), 0.0, 1.0)
    x[over, :3] *= scale[:, None]
    return x


def darkest_black(model: ForwardModel) -> tuple[np.ndarray, np.ndarray]:
    """Find the darkest near-neutral CMYK within the ink limit (for GCR scaling)."""
    target = np.array([[0.0, 0.0, 0.0]])
    x0 = np.array([[0.7, 0.6, 0.6, 1.0]])
    x = enforce_ink_limit(solve_inverse(model, target, np.array([1.0]), x0, iters=200))
    return x[0], model(x)[0]


def l_warp(L: np.ndarray, k: float = L_WARP) -> np.ndarray:
    """L value -> grid coordinate 0..1; concave rational curve, denser in the darks."""
    x = np.clip(L / 100.0, 0.0, 1.0)
    return (1.0 + k) * x / (1.0 + k * x)


def l_unwarp(p: np.ndarray, k: float = L_WARP) -> np.ndarray:
    """Inverse of l_warp."""
    return 100.0 * p / (1.0 + k - k * p)


def ab_warp(a: np.ndarray, k: float = AB_WARP) -> np.ndarray:
    """a/b value -> grid coordinate 0..1; odd rational curve, denser near 0."""
    s = np.clip(a / 128.0, -1.0, 1.0)
    return 0.5 + 0.5 * s * (1.0 + k) / (1.0 + k * np.abs(s))


def ab_unwarp(p: np.ndarray, k: float = AB_WARP) -> np.ndarray:
    """Inverse of ab_warp."""
    h = 2.0 * p - 1.0
    return 128.0 * h / (1.0 + k - k * np.abs(h))


def lab_grid(n: int) -> np.ndarray:
    """Lab values of the B2A grid nodes, as placed by lab_input_curves()."""
    j = np.arange(n)
    L = l_unwarp(j / (n - 1))
    ab = ab_unwarp(j / (n - 1))
    LL, AA, BB = np.meshgrid(L, ab, ab, indexing="ij")
    return np.stack([LL, AA, BB], axis=-1).reshape(-1, 3)


def compute_b2a(model: ForwardModel, n: int, log=print):
    """Return (cmyk (n^3,4), residual ΔE (n^3,)) for the Lab grid."""
    paper = model(np.zeros((1, 4)))[0]
    solid_k = model(np.array([[0.0, 0.0, 0.0, 1.0]]))[0]
    black_cmyk, black_lab = darkest_black(model)
    log(f"  paper Lab = {np.round(paper, 3)}; solid K Lab = {np.round(solid_k, 2)}; "
        f"darkest black {np.round(black_cmyk * 100, 1)} -> Lab {np.round(black_lab, 2)}")
    target = lab_grid(n)
    k_t = gcr_k_target(target, paper[0], solid_k[0])
    x0 = initial_guess(model, target, k_t)
    x = solve_inverse(model, target, k_t, x0)
    x = enforce_ink_limit(x)
    # the source clamps L at 0 for heavy ink, so the L=0 neutral node is
    # degenerate: use the gray-balanced darkest black found above
    x[(target[:, 0] == 0.0) & (np.hypot(target[:, 1], target[:, 2]) < 1e-6)] = black_cmyk
    # paper white -> no ink
    white = (np.abs(target[:, 0] - 100.0) < 1e-9) & (np.hypot(target[:, 1], target[:, 2]) < 1e-6)
    x[white] = 0.0
    de = np.linalg.norm(model(x) - target, axis=1)
    return x, de


# --------------------------------------------------------------------------
# ICC writing
# --------------------------------------------------------------------------

def s15f16(v: float) -> bytes:
    return struct.pack(">i", int(round(v * 65536)))


def text_description_tag(text: str) -> bytes:
    """textDescriptionType (v2 'desc') with ASCII only, empty Unicode/ScriptCode."""
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0)          # Unicode language code, count
            + struct.pack(">HB", 0, 0)          # ScriptCode code, count
            + b"\0" * 67)


def text_tag(text: str) -> bytes:
    return b"text" + b"\0" * 4 + text.encode("ascii") + b"\0"


def lut16_tag(n_in: int, n_out: int, grid: int, in_curves: np.ndarray,
              clut: np.ndarray, out_curves: np.ndarray) -> bytes:
    """Serialise an mft2 (identity matrix). Arrays are normalised 0..1."""
    def u16(a):
        return np.rint(np.clip(a, 0.0, 1.0) * 65535.0).astype(">u2").tobytes()

    head = b"mft2" + b"\0" * 4 + bytes([n_in, n_out, grid, 0])
    head += b"".join(s15f16(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    head += struct.pack(">HH", in_curves.shape[1], out_curves.shape[1])
    return head + u16(in_curves) + u16(clut) + u16(out_curves)


def lab_input_curves() -> np.ndarray:
    """Input curves for Lab-input luts.

    258 entries place v2 L=100 (0xFF00) exactly on an entry, so L 0..100 maps
    onto the full grid range (node n-1 == L 100, values above clamp); l_warp()
    spends more nodes on the dark tones, where the gamut narrows to a point.
    a/b use ab_warp(), which spends more grid nodes near the neutral axis,
    where the (small, dark) printable gamut needs them.
    """
    v = np.arange(258) * 255.0                     # entry i <-> encoded value i*255
    l_curve = l_warp(v / 652.80)
    ab_curve = ab_warp(v / 256.0 - 128.0)
    return np.stack([l_curve, ab_curve, ab_curve])


def build_profile(a2b_raw: bytes, wtpt_raw: bytes, b2a_raw: bytes, gamt_raw: bytes) -> bytes:
    """Assemble a complete ICC v2.1 output profile."""
    tag_data = [  # (signatures sharing the data, data)
        (["desc"], text_description_tag(DESCRIPTION)),
        (["cprt"], text_tag(COPYRIGHT)),
        (["wtpt"], wtpt_raw),
        (["A2B0", "A2B1", "A2B2"], a2b_raw),
        (["B2A0", "B2A1", "B2A2"], b2a_raw),
        (["gamt"], gamt_raw),
    ]
    n_tags = sum(len(s) for s, _ in tag_data)
    offset = 128 + 4 + 12 * n_tags
    table, body = [], b""
    for sigs, data in tag_data:
        pad = (-offset) % 4
        body += b"\0" * pad
        offset += pad
        for sig in sigs:
            table.append(struct.pack(">4sII", sig.encode(), offset, len(data)))
        body += data
        offset += len(data)
    body += b"\0" * ((-offset) % 4)
    size = 128 + 4 + 12 * n_tags + len(body)

    header = struct.pack(">I4sI4s4s4s6H4s4sI4sI8sI",
                         size, b"\0" * 4, 0x02100000, b"prtr", b"CMYK", b"Lab ",
                         *CREATION_DATE, b"acsp", b"\0" * 4, 0,
                         b"\0" * 4, 0, b"\0" * 8, 0)
    header += b"".join(s15f16(v) for v in D50_XYZ)
    header += b"\0" * 4            # creator
    header += b"\0" * 16           # profile ID (reserved in v2)
    header += b"\0" * 28
    assert len(header) == 128
    return header + struct.pack(">I", n_tags) + b"".join(table) + body


def make_profile(source: Path, out: Path, grid: int, gamut_grid: int, log=print) -> bytes:
    src = source.read_bytes()
    if src[12:20] != b"scnrCMYK" or src[20:24] != b"Lab ":
        log("  warning: unexpected source header")
    tags = read_tags(src)
    a2b = parse_lut16(tags["A2B0"])
    model = ForwardModel(a2b)

    log(f"solving B2A on a {grid}^3 Lab grid ...")
    cmyk, de = compute_b2a(model, grid, log)
    log(f"  nodes: {de.size}, in gamut (ΔE<={GAMUT_DE_THRESHOLD}): "
        f"{(de <= GAMUT_DE_THRESHOLD).sum()}, max node ink {cmyk.sum(1).max() * 100:.1f} %")
    in_gamut = de[de <= GAMUT_DE_THRESHOLD]
    log(f"  in-gamut node residual ΔE: mean {in_gamut.mean():.3f}, max {in_gamut.max():.3f}")

    curves = lab_input_curves()
    out_ident = np.array([[0.0, 1.0]] * 4)
    b2a = lut16_tag(3, 4, grid, curves, cmyk.reshape(grid, grid, grid, 4), out_ident)

    # gamt: 0 within threshold, ramps to full scale 2 ΔE further out
    if (grid - 1) % (gamut_grid - 1):
        raise ValueError("gamut grid must subsample the B2A grid")
    step = (grid - 1) // (gamut_grid - 1)
    de3 = de.reshape(grid, grid, grid)[::step, ::step, ::step]
    gam = np.clip((de3 - GAMUT_DE_THRESHOLD) / 2.0, 0.0, 1.0)[..., None]
    gamt = lut16_tag(3, 1, gamut_grid, curves, gam, np.array([[0.0, 1.0]]))

    data = build_profile(tags["A2B0"], tags["wtpt"], b2a, gamt)
    out.write_bytes(data)
    return data


# --------------------------------------------------------------------------
# Verification with LittleCMS (Pillow ImageCms)
# --------------------------------------------------------------------------

def srgb_to_lab(rgb8: np.ndarray) -> np.ndarray:
    """sRGB (0..255) -> CIE Lab D50 (Bradford), as LittleCMS' built-in sRGB."""
    c = rgb8 / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4360747, 0.3850649, 0.1430804],
                  [0.2225045, 0.7168786, 0.0606169],
                  [0.0139322, 0.0971045, 0.7141733]])
    xyz = lin @ m.T / np.array(D50_XYZ)
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]),
                     200 * (f[:, 1] - f[:, 2])], axis=1)


def verify(path: Path, source: Path, log=print) -> bool:
    from PIL import Image, ImageCms

    ok = True
    prof = ImageCms.getOpenProfile(str(path))
    log(f"LittleCMS: description={ImageCms.getProfileDescription(prof).strip()!r}")
    log(f"           copyright={ImageCms.getProfileCopyright(prof).strip()!r}")
    log(f"           info={ImageCms.getProfileInfo(prof).strip()!r}")
    p = prof.profile
    log(f"           class={p.device_class} space={p.xcolor_space.strip()} "
        f"pcs={p.connection_space.strip()} version={p.version} intent={p.rendering_intent}")
    for intent in range(3):
        for direction in (ImageCms.Direction.INPUT, ImageCms.Direction.OUTPUT):
            if not ImageCms.isIntentSupported(prof, intent, direction):
                log(f"  FAIL: intent {intent} dir {direction} not supported")
                ok = False
    if p.device_class != "prtr":
        log("  FAIL: class is not output")
        ok = False

    srgb = ImageCms.createProfile("sRGB")
    levels = np.linspace(0, 255, 18).round().astype(np.uint8)
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), -1).reshape(-1, 3)
    specials = np.array([[255, 255, 255], [0, 0, 0], [128, 128, 128], [255, 0, 0],
                         [0, 255, 0], [0, 0, 255], [0, 255, 255], [255, 0, 255],
                         [255, 255, 0]], dtype=np.uint8)
    rgb = np.concatenate([specials, grid]).astype(np.uint8)
    img = Image.fromarray(rgb[None, :, :], "RGB")
    lab_in = srgb_to_lab(rgb.astype(float))

    # gamut membership from the forward model of the source characterisation
    model = ForwardModel(parse_lut16(read_tags(source.read_bytes())["A2B0"]))
    paper = model(np.zeros((1, 4)))[0]
    solid_k = model(np.array([[0.0, 0.0, 0.0, 1.0]]))[0]
    kt = gcr_k_target(lab_in, paper[0], solid_k[0])
    x = solve_inverse(model, lab_in, kt, initial_guess(model, lab_in, kt))
    x = enforce_ink_limit(x)
    in_gamut = np.linalg.norm(model(x) - lab_in, axis=1) <= GAMUT_DE_THRESHOLD
    log(f"sRGB test set: {len(rgb)} colours, {in_gamut.sum()} inside the CMYK gamut")

    names = ["white", "black", "grey128", "red", "green", "blue", "cyan", "magenta", "yellow"]
    for label, intent in (("perceptual", ImageCms.Intent.PERCEPTUAL),
                          ("relative", ImageCms.Intent.RELATIVE_COLORIMETRIC)):
        fwd = ImageCms.buildTransform(srgb, prof, "RGB", "CMYK", renderingIntent=intent)
        back = ImageCms.buildTransform(prof, srgb, "CMYK", "RGB", renderingIntent=intent)
        cmyk_img = ImageCms.applyTransform(img, fwd)
        cmyk = np.asarray(cmyk_img).reshape(-1, 4).astype(int)
        rt = np.asarray(ImageCms.applyTransform(cmyk_img, back)).reshape(-1, 3).astype(float)
        de = np.linalg.norm(srgb_to_lab(rt) - lab_in, axis=1)
        ink = cmyk.sum(axis=1) / 255.0 * 100.0
        dg = de[in_gamut]
        log(f"[{label}] round trip sRGB->CMYK->sRGB ΔE76 in gamut: mean {dg.mean():.2f}, "
            f"p95 {np.percentile(dg, 95):.2f}, max {dg.max():.2f}; all colours: "
            f"mean {de.mean():.2f}, p95 {np.percentile(de, 95):.2f}")
        log(f"[{label}] max total ink on grid {ink.max():.1f} %")
        for i, name in enumerate(names):
            c = cmyk[i] / 2.55
            log(f"    {name:8s} -> CMYK {c[0]:5.1f} {c[1]:5.1f} {c[2]:5.1f} {c[3]:5.1f}"
                f" (sum {ink[i]:5.1f} %), ΔE back {de[i]:.2f}")
        if cmyk[0].any():
            log(f"  FAIL: white does not map to 0,0,0,0 ({label})")
            ok = False
        if ink.max() > 300.0:
            log(f"  FAIL: ink limit exceeded ({label})")
            ok = False
        if label == "relative" and (dg.mean() >= 2.0 or np.percentile(dg, 95) >= 5.0):
            log("  WARN: round-trip accuracy target (mean<2, p95<5) missed")
    # white without LittleCMS' white-point fix-up (other CMMs do not patch it)
    for label, intent in (("perceptual", 0), ("relative", 1)):
        raw = ImageCms.buildTransform(srgb, prof, "RGB", "CMYK", renderingIntent=intent,
                                      flags=ImageCms.Flags.NOWHITEONWHITEFIXUP)
        w = ImageCms.applyTransform(Image.new("RGB", (1, 1), (255, 255, 255)), raw).getpixel((0, 0))
        log(f"[{label}] sRGB white -> CMYK {w} without white fix-up")
        if any(w):
            log("  FAIL: white carries ink without fix-up")
            ok = False
    # A2B check: CMYK 0000 -> sRGB white
    back = ImageCms.buildTransform(prof, srgb, "CMYK", "RGB",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    w = np.asarray(ImageCms.applyTransform(Image.new("CMYK", (1, 1), (0, 0, 0, 0)), back))
    log(f"CMYK 0,0,0,0 -> sRGB {w.reshape(-1).tolist()}")
    ok &= check_structure(path.read_bytes(), log)
    return ok


def check_structure(data: bytes, log=print) -> bool:
    """Static checks of header and tag table."""
    ok = struct.unpack_from(">I", data, 0)[0] == len(data)
    ok &= data[8:12] == b"\x02\x10\x00\x00" and data[12:24] == b"prtrCMYKLab "
    ok &= data[36:40] == b"acsp" and data[84:100] == b"\0" * 16
    tags = read_tags(data)
    required = {"desc", "cprt", "wtpt", "A2B0", "A2B1", "A2B2", "B2A0", "B2A1", "B2A2", "gamt"}
    ok &= required <= set(tags)
    count = struct.unpack_from(">I", data, 128)[0]
    for i in range(count):
        sig, off, size = struct.unpack_from(">4sII", data, 132 + 12 * i)
        ok &= off % 4 == 0 and off + size <= len(data)
    log(f"structure: size field ok, header ok, {count} tags {sorted(tags)}, aligned: "
        f"{'PASS' if ok else 'FAIL'}")
    return bool(ok)


# --------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--grid", type=int, default=33, help="B2A grid points per axis")
    ap.add_argument("--gamut-grid", type=int, default=17, help="gamt grid points per axis")
    ap.add_argument("--verify", action="store_true", help="check with LittleCMS (Pillow)")
    args = ap.parse_args(argv)

    data = make_profile(args.source, args.out, args.grid, args.gamut_grid)
    print(f"wrote {args.out}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    if args.verify:
        return 0 if verify(args.out, args.source) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
