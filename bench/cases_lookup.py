"""Area ``lookup``: interp, CubicSpline, interp1d (one engine) vs numpy / scipy.

n = 1000 knots, 10^6 queries (10^5 with --quick), single thread unless the
row says threads.  The construction row also measures the peak memory of
both constructions with tracemalloc (numpy reports its allocations to it)
and shows it in the case name.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
from harness import PHASE_ALL, Case, Config, Peer, Target, area

_RNG_SEED = 20261121
# Python floats, as a loop over points passes them
_SCALARS = [0.125 + 0.15625 * i for i in range(64)]


def _knots(n, uniform):
    rng = np.random.default_rng(_RNG_SEED)
    if uniform:
        return np.linspace(0.0, 10.0, n)
    return np.sort(rng.uniform(0.0, 10.0, n))


def _queries(m, sort=False):
    x = np.random.default_rng(_RNG_SEED + 1).uniform(-0.5, 10.5, m)
    return np.sort(x) if sort else x


def _interp_case(name, n, m, uniform, sort, target):
    def setup():
        xp = _knots(n, uniform)
        return _queries(m, sort), xp, np.sin(xp)

    def kt_call(d, workers):
        from kernterp.interpolate import interp

        return interp(d[0], d[1], d[2], workers=workers)

    return Case(
        name,
        setup,
        kt_call,
        [
            Peer(
                "numpy.interp",
                lambda d, _n: np.interp(*d),
                target=Target(target),
                check_tol=0,
            )
        ],
        phases=("1T",),
    )


def _spline_case(name, n, m, uniform, target, kind="cs"):
    def setup():
        from scipy.interpolate import CubicSpline as SCS
        from scipy.interpolate import interp1d as si1d

        from kernterp.interpolate import CubicSpline, interp1d

        xp = _knots(n, uniform)
        y = np.sin(xp)
        if kind == "cs":
            return _queries(m), CubicSpline(xp, y), SCS(xp, y)
        # inside the data range: interp1d raises outside it by default
        q = np.clip(_queries(m), xp[0], xp[-1])
        return q, interp1d(xp, y, kind="cubic"), si1d(xp, y, kind="cubic")

    peer_name = "scipy CubicSpline" if kind == "cs" else "scipy interp1d(kind='cubic')"
    peer = Peer(
        peer_name, lambda d, _n: d[2](d[0]), target=Target(target), check_tol=1e-10
    )
    return Case(name, setup, lambda d, w: d[1](d[0], workers=w), [peer], phases=("1T",))


def _peak_mb(fn):
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def _construction_case(n):
    rng = np.random.default_rng(_RNG_SEED)
    x = np.cumsum(rng.uniform(0.5, 1.5, n))
    y = np.sin(0.01 * x)
    from scipy.interpolate import CubicSpline as SCS

    from kernterp.interpolate import CubicSpline

    kt_mb = _peak_mb(lambda: CubicSpline(x, y))
    sp_mb = _peak_mb(lambda: SCS(x, y))
    return Case(
        f"CubicSpline construction n={n} "
        f"(peak MB: kernterp {kt_mb:.0f}, scipy {sp_mb:.0f})",
        lambda: (x, y),
        lambda d, _w: CubicSpline(*d).c,
        [Peer("scipy CubicSpline", lambda d, _n: SCS(*d).c, target=Target(3))],
        phases=("1T",),
    )


def _threads_case(m):
    def setup():
        xp = _knots(1000, False)
        return _queries(m), xp, np.sin(xp)

    def kt_call(d, workers):
        from kernterp.interpolate import interp

        return interp(*d, workers=workers)

    def one(d, _n):
        from kernterp.interpolate import interp

        return interp(*d, workers=1)

    return Case(
        f"interp random m={m} threads",
        setup,
        kt_call,
        [Peer("kernterp workers=1", one, target=Target(1.7, PHASE_ALL, min_threads=2))],
        phases=(PHASE_ALL,),
    )


def _scalar_case():
    def setup():
        xp = _knots(1000, False)
        return xp, np.sin(xp)

    def kt_call(d, _w):
        from kernterp.interpolate import interp

        return [interp(v, d[0], d[1]) for v in _SCALARS]

    def np_call(d, _n):
        return [np.interp(v, d[0], d[1]) for v in _SCALARS]

    return Case(
        f"interp {len(_SCALARS)} scalar queries, one call each (per-call overhead)",
        setup,
        kt_call,
        [Peer("numpy.interp", np_call, target=Target(1.0))],
        phases=("1T",),
    )


@area("lookup")
def cases(cfg: Config) -> list[Case]:
    """interp / CubicSpline / interp1d evaluation, construction, threads, scalar."""
    m = 10**5 if cfg.quick else 10**6
    big = 10**6 if cfg.quick else 10**7
    n = 1000
    out = [
        _interp_case(f"interp random m={m} n={n}", n, m, False, False, 2),
        _interp_case(f"interp sorted m={m} n={n}", n, m, False, True, 1.5),
        _interp_case(f"interp uniform knots m={m} n={n}", n, m, True, False, 15),
        _interp_case(f"interp random m={big} n={n}", n, big, False, False, 2),
        _spline_case(f"CubicSpline eval random m={m} n={n}", n, m, False, 3),
        _spline_case(f"CubicSpline eval uniform knots m={m} n={n}", n, m, True, 15),
        _spline_case(f"interp1d cubic eval random m={m} n={n}", n, m, False, 8, "i1d"),
        _construction_case(10**5 if cfg.quick else 10**6),
        _threads_case(big),
        _scalar_case(),
    ]
    return out
