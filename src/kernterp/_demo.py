"""The demo behind ``python -m kernterp``.

Every public kernel runs on example data next to its reference (scipy), and
one table shows how closely they agree and how long each took.  The demo
needs numpy and scipy only, prints, and returns 0.

Each capability contributes a list of :class:`Entry` objects through a
builder in :data:`ENTRY_BUILDERS`; a new area appends its own builder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: Side of the square example images.
SIZE = 1024


@dataclass(frozen=True)
class Entry:
    """One line of the demo: a kernterp call and its reference.

    Attributes
    ----------
    name : str
        What is run, e.g. ``"gaussian_filter sigma=3"``.
    data : str
        Key of the example data (see :func:`example_data`) both calls get.
    kernterp : callable
        ``kernterp(data) -> ndarray``.
    reference : callable
        ``reference(data) -> ndarray``: the result kernterp should give.
    tol : float
        Largest max |difference| counted as agreement.
    """

    name: str
    data: str
    kernterp: Callable[..., Any]
    reference: Callable[..., Any]
    tol: float


def example_data(size: int = SIZE) -> dict[str, NDArray[Any]]:
    """The example inputs, keyed by the names entries refer to.

    Parameters
    ----------
    size : int, optional
        Side of the square images.

    Returns
    -------
    dict of str to ndarray
        ``"f32"`` and ``"f64"``: a smooth pattern plus noise in [0, 1];
        ``"u8"``: the same as uint8; ``"f32 NaN"``: the float32 image with
        scattered NaN pixels and a NaN square; ``"grid"``: ``size`` grid
        coordinates in [-3, 3]; ``"pts 3-D"``: normal points in 3-D.
    """
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:size, 0:size] / size
    img = 0.5 + 0.25 * np.sin(12 * x) * np.cos(9 * y) + 0.2 * rng.random((size, size))
    img = np.clip(img, 0.0, 1.0)
    holes = img.astype(np.float32)
    holes[rng.random((size, size)) < 0.02] = np.nan
    holes[size // 4 : size // 4 + 40, size // 2 : size // 2 + 40] = np.nan
    return {
        "f32": img.astype(np.float32),
        "f64": img,
        "u8": np.round(255 * img).astype(np.uint8),
        "f32 NaN": holes,
        "grid": np.linspace(-3.0, 3.0, size),
        "pts 3-D": rng.normal(size=(200_000, 3)),
    }


def _normalised_reference(
    filt: Callable[[NDArray[Any]], NDArray[Any]],
) -> Callable[[NDArray[Any]], Any]:
    """``filt(where(m, x, 0)) / filt(m)`` with ``m`` the finite mask, in float64."""

    def ref(x: NDArray[Any]) -> Any:
        m = np.isfinite(x)
        num = filt(np.where(m, x, 0).astype(np.float64))
        den = filt(m.astype(np.float64))
        with np.errstate(divide="ignore", invalid="ignore"):
            return num / den

    return ref


def ndimage_entries() -> list[Entry]:
    """Entries for kernterp.ndimage: every public Gaussian filter and option.

    Returns
    -------
    list of Entry
    """
    import scipy.ndimage as sp

    from kernterp import ndimage as kt

    return [
        Entry(
            "gaussian_filter sigma=3",
            "f32",
            lambda a: kt.gaussian_filter(a, 3),
            lambda a: sp.gaussian_filter(a, 3),
            1e-5,
        ),
        Entry(
            "gaussian_filter sigma=3",
            "f64",
            lambda a: kt.gaussian_filter(a, 3),
            lambda a: sp.gaussian_filter(a, 3),
            1e-12,
        ),
        Entry(
            "gaussian_filter1d sigma=2 order=1 axis=0",
            "f32",
            lambda a: kt.gaussian_filter1d(a, 2, axis=0, order=1),
            lambda a: sp.gaussian_filter1d(a, 2, axis=0, order=1),
            1e-5,
        ),
        Entry(
            "gaussian_laplace sigma=2",
            "f32",
            lambda a: kt.gaussian_laplace(a, 2),
            lambda a: sp.gaussian_laplace(a, 2),
            1e-5,
        ),
        Entry(
            "gaussian_gradient_magnitude sigma=2",
            "f32",
            lambda a: kt.gaussian_gradient_magnitude(a, 2),
            lambda a: sp.gaussian_gradient_magnitude(a, 2),
            1e-5,
        ),
        Entry(
            "gaussian_filter sigma=2",
            "u8",
            lambda a: kt.gaussian_filter(a, 2),
            lambda a: sp.gaussian_filter(a, 2),
            0,
        ),
        Entry(
            "gaussian_filter sigma=2 nan_policy='omit'",
            "f32 NaN",
            lambda a: kt.gaussian_filter(a, 2, nan_policy="omit"),
            _normalised_reference(lambda a: sp.gaussian_filter(a, 2)),
            1e-5,
        ),
        Entry(
            "gaussian_filter sigma=8 method='recursive' (vs exact)",
            "f32",
            lambda a: kt.gaussian_filter(a, 8, method="recursive"),
            lambda a: sp.gaussian_filter(a, 8),
            1e-2,
        ),
    ]


def kernels_entries() -> list[Entry]:
    """Entries for kernterp.kernels: kernels, densities, mixtures, pooling.

    Returns
    -------
    list of Entry
    """
    from scipy.ndimage._filters import _gaussian_kernel1d
    from scipy.special import ndtr
    from scipy.stats import multivariate_normal

    from kernterp import kernels as kt

    mean3 = [0.1, -0.2, 0.3]
    cov3 = [[1.0, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 0.5]]
    means = [[-1.0, 0.0], [1.0, 0.5]]
    covs = [[[0.5, -0.2], [-0.2, 0.4]], [[1.0, 0.4], [0.4, 0.6]]]
    weights = [0.3, 0.7]

    def mixture_reference(c: NDArray[Any]) -> Any:
        pts = np.stack(np.meshgrid(c, c, indexing="ij"), axis=-1)
        return sum(
            w * multivariate_normal.pdf(pts, m, s)
            for w, m, s in zip(weights, means, covs, strict=True)
        )

    def pool_reference(a: NDArray[Any], size: int = 4) -> Any:
        # cell masses of a Gaussian whose FWHM is the block (the default)
        sigma = size / (2 * np.sqrt(2 * np.log(2)))
        edges = (np.arange(size + 1) - size / 2) / sigma
        w = np.diff(ndtr(edges))
        w /= w.sum()
        h, v = a.shape[0] // size, a.shape[1] // size
        blocks = a[: h * size, : v * size].reshape(h, size, v, size)
        return np.einsum("iajb,a,b->ij", blocks, w, w)

    return [
        Entry(
            "gaussian_kernel1d sigma=250 (radius 1000)",
            "grid",
            lambda _: kt.gaussian_kernel1d(250.0),
            lambda _: _gaussian_kernel1d(250.0, 0, 1000),
            0,
        ),
        Entry(
            "multivariate_normal_pdf 200000 points",
            "pts 3-D",
            lambda x: kt.multivariate_normal_pdf(x, mean3, cov3),
            lambda x: multivariate_normal.pdf(x, mean3, cov3),
            1e-12,
        ),
        Entry(
            "gaussian_mixture_grid 2 Gaussians",
            "grid",
            lambda c: kt.gaussian_mixture_grid([c, c], means, covs, weights),
            mixture_reference,
            1e-12,
        ),
        Entry(
            "gaussian_pool size=4 (vs reshape recipe)",
            "f32",
            lambda a: kt.gaussian_pool(a, 4),
            pool_reference,
            1e-5,
        ),
    ]


#: Builders of the demo's entries, one per area, run in this order.
ENTRY_BUILDERS: list[Callable[[], list[Entry]]] = [ndimage_entries, kernels_entries]


def rbf_entries() -> list[Entry]:
    """Entries for rbf_kernel, sqeuclidean_distances and gauss_transform.

    The references are float64 computations in numpy (centred, so exact to
    ~1e-13): 2000 float32 points in 32-D at offset 1000, spread 1, where the
    plain float32 expansion is off by 0.65 (var = 1); K[i, i] == var exactly.

    Returns
    -------
    list of Entry
    """
    from kernterp import kernels as kt

    rng = np.random.default_rng(0)
    x32 = (1000.0 + rng.normal(size=(2000, 32))).astype(np.float32)

    def d2_64(_: object) -> Any:
        xc = x32.astype(np.float64)
        xc -= xc.mean(axis=0)
        nrm = np.einsum("ij,ij->i", xc, xc)
        return np.maximum(nrm[:, None] + nrm[None, :] - 2 * (xc @ xc.T), 0.0)

    def gt_reference(p: NDArray[Any]) -> NDArray[Any]:
        x = p[:10000]
        w = np.cos(x[:, 0])
        nrm = np.einsum("ij,ij->i", x, x)
        out = np.empty(len(x))
        for i0 in range(0, len(x), 1000):
            g = x[i0 : i0 + 1000] @ x.T
            e = np.minimum(2 * g - nrm[i0 : i0 + 1000, None] - nrm[None, :], 0.0)
            out[i0 : i0 + 1000] = np.exp(0.5 * e) @ w
        return out

    return [
        Entry(
            "rbf_kernel f32 2000x32 offset 1000 var=5 (vs float64)",
            "pts 3-D",
            lambda _: kt.rbf_kernel(x32, var=5.0),
            lambda p: 5.0 * np.exp(-d2_64(p) / 32),
            5e-6,
        ),
        Entry(
            "rbf_kernel f32 offset 1000: K[i, i] - var",
            "pts 3-D",
            lambda _: np.diag(kt.rbf_kernel(x32, var=5.0)) - np.float32(5.0),
            lambda _: np.zeros(2000),
            0,
        ),
        Entry(
            "sqeuclidean_distances f32 2000x32 offset 1000",
            "pts 3-D",
            lambda _: kt.sqeuclidean_distances(x32),
            d2_64,
            2e-4,
        ),
        Entry(
            "gauss_transform 10000 points 3-D (vs blocked numpy)",
            "pts 3-D",
            lambda p: kt.gauss_transform(p[:10000], np.cos(p[:10000, 0]), gamma=0.5),
            gt_reference,
            1e-9,
        ),
    ]


ENTRY_BUILDERS.append(rbf_entries)


def periodic_entries() -> list[Entry]:
    """Entries for kernterp.kernels.periodic_gauss_transform.

    The reference is the direct sum over explicit periodic images (numpy),
    on 1500 points of the 3-D example cloud (first two coordinates, scaled
    onto the torus [0, 2 pi)^2 and beyond: they are wrapped).

    Returns
    -------
    list of Entry
    """
    from kernterp import kernels as kt

    period = 2 * np.pi

    def pts(p: NDArray[Any]) -> NDArray[Any]:
        return 2.0 * p[:1500, :2] + 3.0

    def weights(p: NDArray[Any]) -> NDArray[Any]:
        return p[:1500, 2]

    def image_sum(p: NDArray[Any], sigma: float) -> Any:
        # exp(-|v + L n|^2 / 2 s^2) summed over n in Z^2 is the product of
        # the per-axis image sums: explicit images, axis by axis
        x = np.mod(pts(p), period)
        q = weights(p)
        nimg = int(np.ceil(9 * sigma / period)) + 1
        k = np.ones((x.shape[0], x.shape[0]))
        for a in range(2):
            t = x[:, None, a] - x[None, :, a]
            ka = np.zeros_like(t)
            for n in range(-nimg, nimg + 1):
                ka += np.exp(-((t + period * n) ** 2) / (2 * sigma**2))
            k *= ka
        return k @ q

    out = []
    for sigma in (0.3, 2.0):
        # the guarantee: tol * sum|q| * the kernel's maximum (sum|q| < 1500 * 5)
        kmax = max(1.0, sigma * np.sqrt(2 * np.pi) / period) ** 2
        out.append(
            Entry(
                f"periodic_gauss_transform sigma={sigma:g} (vs image sum)",
                "pts 3-D",
                lambda p, s=sigma: kt.periodic_gauss_transform(pts(p), weights(p), s),
                lambda p, s=sigma: image_sum(p, s),
                1e-10 * 7500 * kmax,
            )
        )
    return out


ENTRY_BUILDERS.append(periodic_entries)


def lookup_entries() -> list[Entry]:
    """Entries for kernterp.interpolate's piecewise interpolators.

    The course example: 11 samples of exp(-x^2) on [-3, 3], evaluated on the
    ``"grid"`` points by interp, CubicSpline and interp1d (linear,
    quadratic, cubic), each next to numpy / scipy.

    Returns
    -------
    list of Entry
    """
    import scipy.interpolate as si

    from kernterp import interpolate as ki

    xk = np.linspace(-3.0, 3.0, 11)
    yk = np.exp(-(xk**2))
    out = [
        Entry(
            "interp 11 knots (vs numpy.interp)",
            "grid",
            lambda q: ki.interp(q, xk, yk),
            lambda q: np.interp(q, xk, yk),
            0,
        ),
        Entry(
            "CubicSpline 11 knots, value and derivative",
            "grid",
            lambda q: np.stack(
                [ki.CubicSpline(xk, yk)(q), ki.CubicSpline(xk, yk)(q, 1)]
            ),
            lambda q: np.stack(
                [si.CubicSpline(xk, yk)(q), si.CubicSpline(xk, yk)(q, 1)]
            ),
            1e-13,
        ),
    ]
    for kind in ("linear", "quadratic", "cubic"):
        out.append(
            Entry(
                f"interp1d kind={kind!r} 11 knots",
                "grid",
                lambda q, k=kind: ki.interp1d(xk, yk, kind=k)(q),
                lambda q, k=kind: si.interp1d(xk, yk, kind=k)(q),
                1e-13,
            )
        )
    return out


ENTRY_BUILDERS.append(lookup_entries)


def newton_entries() -> list[Entry]:
    """Entries for kernterp.interpolate: Newton / Krogh vs scipy's KroghInterpolator.

    Returns
    -------
    list of Entry
    """
    from scipy.interpolate import KroghInterpolator as ScipyKrogh

    from kernterp import interpolate as ki

    xn = np.linspace(-3.0, 3.0, 11)  # the course example: exp(-x^2)
    yn = np.exp(-(xn**2))
    xh = np.array([-2.0, -2.0, 0.0, 0.0, 0.0, 1.5, 2.5, 2.5])  # Hermite data
    yh = np.array([0.1, 0.3, 1.0, 0.0, -2.0, 0.2, 0.05, -0.1])
    return [
        Entry(
            "newton_eval 11 nodes (course example)",
            "grid",
            lambda t: ki.newton_eval(ki.newton_coeffs(xn, yn), xn, t),
            lambda t: ScipyKrogh(xn, yn)(t),
            1e-13,
        ),
        Entry(
            "NewtonInterpolator Leja, derivative der=2",
            "grid",
            lambda t: ki.NewtonInterpolator(xn, yn).derivative(t, 2),
            lambda t: ScipyKrogh(xn, yn).derivative(t, 2),
            1e-11,
        ),
        Entry(
            "KroghInterpolator repeated nodes, derivatives",
            "grid",
            lambda t: ki.KroghInterpolator(xh, yh).derivatives(t, 4),
            lambda t: ScipyKrogh(xh, yh).derivatives(t, 4),
            1e-9,
        ),
    ]


ENTRY_BUILDERS.append(newton_entries)


def max_abs_diff(a: NDArray[Any], b: NDArray[Any]) -> float:
    """Largest |a - b| in float64; NaN where both are NaN counts as equal.

    Parameters
    ----------
    a, b : ndarray
        Arrays of the same shape.

    Returns
    -------
    float
        ``inf`` if the shapes differ or only one side is NaN somewhere.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return float("inf")
    d = np.abs(a - b)
    d[np.isnan(a) & np.isnan(b)] = 0.0
    d[np.isnan(d)] = np.inf
    return float(d.max()) if d.size else 0.0


def median_ms(fn: Callable[..., object], repeat: int = 3) -> float:
    """Median wall time of `repeat` calls of `fn`, in milliseconds.

    Parameters
    ----------
    fn : callable
        Called without arguments.
    repeat : int, optional
        Number of timed calls.

    Returns
    -------
    float
    """
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def main() -> int:
    """Run every entry, print agreement and timings, return 0.

    Returns
    -------
    int
        Always 0: the demo reports, it does not judge.
    """
    import scipy

    import kernterp
    from kernterp._support import available_cpus

    data = example_data()
    print(
        f"kernterp {kernterp.__version__} (workers=None: {available_cpus()} "
        f"thread(s)) vs scipy {scipy.__version__} (single-threaded), "
        f"{SIZE}x{SIZE} example images"
    )
    print()
    head = (
        f"{'kernel':54s} {'data':8s} {'max |diff|':>10s} {'tol':>7s} {'':5s} "
        f"{'kernterp ms':>11s} {'scipy ms':>9s} {'ratio':>7s}"
    )
    print(head)
    print("-" * len(head))
    t_start = time.perf_counter()
    for build in ENTRY_BUILDERS:
        for e in build():
            x = data[e.data]
            err = max_abs_diff(e.kernterp(x), e.reference(x))
            ok = "ok" if err <= e.tol else "DIFF"
            tk = median_ms(lambda e=e, x=x: e.kernterp(x))
            ts = median_ms(lambda e=e, x=x: e.reference(x))
            print(
                f"{e.name:54s} {e.data:8s} {err:10.1e} {e.tol:7.0g} {ok:5s} "
                f"{tk:11.2f} {ts:9.2f} {ts / tk:6.1f}x"
            )
    print()
    print(
        "max |diff|: against the reference on the same input (the 'omit' "
        "reference is filter(where(m, x, 0)) / filter(m) in float64; the "
        "recursive filter is compared with the exact one; gaussian_pool with "
        "numpy's reshape recipe); ratio = reference ms / kernterp ms."
    )
    print(f"demo time {time.perf_counter() - t_start:.1f} s")
    return 0
