"""Area ``interpolate``: Newton interpolation vs plain numpy and scipy's Krogh.

The peers: a plain-numpy nested evaluation (vectorised over the points, a
Python loop over the coefficients), the plain-numpy divided-difference
recurrence (one vectorised step per column of the table), and
scipy.interpolate.KroghInterpolator.  Nodes are Chebyshev points of
[-1, 1] in Leja order; query points are uniform random in [-1, 1].  The
``kt 1T / memcpy`` column of the evaluation rows says how close the nested
loop is to one read of the points and one write of the result.
"""

from __future__ import annotations

import warnings

import numpy as np
from harness import PHASE_ALL, PHASES, Case, Config, Peer, Target, area


def _cheb_leja(n):
    from kernterp.interpolate import leja_order

    x = np.cos((2 * np.arange(n) + 1) * np.pi / (2 * n))
    return np.ascontiguousarray(x[leja_order(x)])


def _runge(x):
    return 1.0 / (1.0 + 25.0 * x * x)


def numpy_nested(a, z, x):
    """Plain-numpy nested evaluation: vectorised over x, a loop over a."""
    p = np.full_like(x, a[-1])
    for k in range(len(a) - 2, -1, -1):
        p = a[k] + (x - z[k]) * p
    return p


def numpy_coeffs(x, y):
    """Plain-numpy divided differences, one table column per step."""
    a = np.array(y, dtype=np.float64)
    for j in range(1, len(x)):
        a[j:] = (a[j:] - a[j - 1 : -1]) / (x[j:] - x[:-j])
    return a


def _eval_cases(n, npts, dtype):
    from scipy.interpolate import KroghInterpolator

    from kernterp.interpolate import newton_coeffs, newton_eval

    z = _cheb_leja(n)
    a = newton_coeffs(z, _runge(z))
    krogh = KroghInterpolator(z, _runge(z))
    tag = np.dtype(dtype).name

    def setup():
        return np.random.default_rng(1).uniform(-1, 1, npts).astype(dtype)

    def kt_call(x, w):
        return newton_eval(a, z, x, workers=w)

    a_t, z_t = a.astype(dtype), z.astype(dtype)
    peers = [
        Peer(
            "numpy nested loop",
            lambda x, _n: numpy_nested(a_t, z_t, x),
            target=Target(5) if dtype == np.float64 else None,
        )
    ]
    if dtype == np.float64:
        peers.append(
            Peer(
                "scipy KroghInterpolator.__call__",
                lambda x, _n: krogh(x),
                requires="scipy.interpolate",
                target=Target(8),
                slow=True,
            )
        )
    out = [
        Case(
            f"newton_eval n={n} {tag} {npts:.0e} pts", setup, kt_call, peers, PHASES[:1]
        )
    ]
    if dtype == np.float64:
        out.append(
            Case(
                f"newton_eval n={n} {tag} {npts:.0e} pts threads",
                setup,
                kt_call,
                [
                    Peer(
                        "kernterp workers=1",
                        lambda x, _n: newton_eval(a, z, x, workers=1),
                        target=Target(1.7, PHASE_ALL, min_threads=2),
                    )
                ],
                phases=(PHASE_ALL,),
            )
        )
    return out


@area("newton")
def cases(cfg: Config) -> list[Case]:
    """Newton evaluation (10^6 points; 10^5 with --quick), tables, Krogh, add_points."""
    from scipy.interpolate import KroghInterpolator as SciKrogh

    from kernterp.interpolate import (
        KroghInterpolator,
        NewtonInterpolator,
        newton_coeffs,
    )

    npts = 10**5 if cfg.quick else 10**6
    out: list[Case] = []
    for n in (11, 30):
        out += _eval_cases(n, npts, np.float64)
    out += _eval_cases(30, npts, np.float32)

    # -- the divided-difference table
    nc = 200 if cfg.quick else 1000
    xc = _cheb_leja(nc)
    out.append(
        Case(
            f"newton_coeffs n={nc}",
            lambda: _runge(xc),
            lambda y, _w: newton_coeffs(xc, y),
            [
                Peer(
                    "numpy column-by-column recurrence",
                    lambda y, _n: numpy_coeffs(xc, y),
                    target=Target(8),
                )
            ],
            phases=PHASES[:1],
        )
    )

    # -- KroghInterpolator: construction (30 nodes, 5 of them with a first
    # derivative), then evaluation at the points
    xk = np.sort(_cheb_leja(25))
    xk_rep = np.sort(np.concatenate([xk, xk[::5]]))
    yk = np.empty_like(xk_rep)
    first = np.r_[True, xk_rep[1:] != xk_rep[:-1]]
    yk[first] = _runge(xk_rep[first])
    yk[~first] = -50 * xk_rep[~first] * _runge(xk_rep[~first]) ** 2
    out.append(
        Case(
            f"KroghInterpolator construction n={xk_rep.size} (5 repeated)",
            lambda: (xk_rep, yk),
            lambda d, _w: KroghInterpolator(*d).c,
            [
                Peer(
                    "scipy KroghInterpolator",
                    lambda d, _n: SciKrogh(*d).c,
                    requires="scipy.interpolate",
                    target=Target(5),
                )
            ],
            phases=PHASES[:1],
        )
    )
    kk, ks = KroghInterpolator(xk_rep, yk), SciKrogh(xk_rep, yk)
    out.append(
        Case(
            f"KroghInterpolator.__call__ n={xk_rep.size} {npts:.0e} pts",
            lambda: np.random.default_rng(2).uniform(-1, 1, npts),
            lambda x, _w: kk(x),
            [
                Peer(
                    "scipy KroghInterpolator.__call__",
                    lambda x, _n: ks(x),
                    requires="scipy.interpolate",
                    target=Target(5),
                    slow=True,
                )
            ],
            phases=PHASES[:1],
        )
    )
    nd = npts // 10
    out.append(
        Case(
            f"KroghInterpolator.derivatives(der=3) n={xk_rep.size} {nd:.0e} pts",
            lambda: np.random.default_rng(3).uniform(-1, 1, nd),
            lambda x, _w: kk.derivatives(x, 3),
            [
                Peer(
                    "scipy KroghInterpolator.derivatives",
                    lambda x, _n: ks.derivatives(x, 3),
                    requires="scipy.interpolate",
                    target=Target(5),
                    slow=True,
                )
            ],
            phases=PHASES[:1],
        )
    )

    # -- add_points: k new nodes onto n, against a rebuild from scratch
    na, k = (400, 10) if cfg.quick else (2000, 10)
    # nodes on [-2, 2] (capacity 1): the coefficients stay in range at n = 2000
    xa = 2.0 * _cheb_leja(na + k)
    ya = _runge(xa / 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # order='given' warns above 30 nodes
        base = NewtonInterpolator(xa[:na], ya[:na], order="given")
    state = (base._z, base._a, base._diag, base.permutation)

    def add(d, _w):
        # every call starts from the same n-node interpolant (add_points
        # replaces these arrays, it does not modify them)
        base._z, base._a, base._diag, base.permutation = state
        base.add_points(xa[na:], ya[na:])
        return base.coefficients

    def rebuild(d, _n):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return NewtonInterpolator(xa, ya, order="given").coefficients

    out.append(
        Case(
            f"NewtonInterpolator.add_points n={na} + k={k}",
            lambda: None,
            add,
            [
                Peer(
                    "NewtonInterpolator rebuild (n + k nodes)",
                    rebuild,
                    target=Target(5),
                )
            ],
            phases=PHASES[:1],
        )
    )

    # -- the floor: one read + one write of the points
    def copy_setup():
        return np.random.default_rng(1).uniform(-1, 1, npts), np.empty(npts)

    out.append(
        Case(
            f"memcpy floor f64 {npts:.0e}",
            copy_setup,
            None,
            [Peer("np.copyto (1 read + 1 write)", lambda d, _n: np.copyto(d[1], d[0]))],
            phases=PHASES[:1],
        )
    )
    return out
