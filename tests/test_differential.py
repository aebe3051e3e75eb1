"""Differential tests: every drop-in function against its reference over the
hard-input corpus (tests/hard_inputs.py), drawn by hypothesis.

Each test draws the arguments of one call, runs kernterp and the reference
on fresh copies of the same inputs, and checks that kernterp raises exactly
when the reference raises (with an exception the reference's class
catches), or returns the same type, dtype and shape with the values the
documentation promises: bit for bit where kernterp promises it (float64 and
integer Gaussian filters, numpy.interp in float64, Krogh's coefficients),
within the documented tolerance elsewhere.

CI runs a few dozen derandomized examples per test; a local campaign:
``KERNTERP_DIFF_EXAMPLES=50 python -m pytest tests/test_differential.py``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.interpolate as si
import scipy.ndimage as sn
from conftest import MODES
from hard_inputs import (
    ALL_DTYPES,
    COMPLEX,
    REAL_DTYPES,
    ArraySpec,
    Raised,
    arrays,
    assert_bits,
    assert_close,
    assert_same_kind,
    dtypes,
    examples,
    finite_max,
    outcome,
    same_raising,
    shapes,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from kernterp import interpolate as ki
from kernterp import ndimage as kn

try:
    from scipy.ndimage._filters import _gaussian_kernel1d
except ImportError:  # pragma: no cover - scipy moved it
    _gaussian_kernel1d = None

# the hard inputs overflow and mix complex with real in the helpers that
# compute tolerances too (the calls under test run with warnings muted)
pytestmark = pytest.mark.filterwarnings(
    "ignore::RuntimeWarning", "ignore::numpy.exceptions.ComplexWarning"
)

F32 = np.dtype(np.float32)
F64 = np.dtype(np.float64)


def _real_char(dt):
    dt = np.dtype(dt)
    return np.empty(0, dt).real.dtype.char


# ==========================================================================
# scipy.ndimage: gaussian_filter, gaussian_filter1d, gaussian_laplace,
# gaussian_gradient_magnitude


def rarely(draw, strategy, common, one_in=15):
    """Draw from `strategy` one time in `one_in`, else from `common`."""
    if draw(st.integers(1, one_in)) == 1:
        return draw(strategy)
    return draw(common)


@st.composite
def sigma_values(draw):
    common = st.one_of(
        st.sampled_from([0.0, 1e-16, 0.3, 0.5, 1.0, 1.5, 2.7]),
        st.floats(0.0, 4.0),
        st.integers(1, 3),
        st.sampled_from([np.float32(0.7), np.float64(1.3), np.int64(2)]),
    )
    bad = st.sampled_from([0, -1.0, np.nan, np.inf, 1e-200, np.float64(0.0), "1"])
    return rarely(draw, bad, common)


@st.composite
def per_axis(draw, element, n, scalar_weight=2):
    """A scalar, or a list (or tuple) of n elements; of another length rarely."""
    if draw(st.integers(0, scalar_weight)) != 0:
        return draw(element)
    m = n
    if draw(st.integers(0, 19)) == 0:
        m = draw(st.sampled_from([max(n - 1, 0), n + 1]))
    seq = [draw(element) for _ in range(m)]
    return tuple(seq) if draw(st.booleans()) else seq


@st.composite
def axes_arg(draw, ndim):
    """None, a tuple of distinct axes in any order (some negative), a scalar;
    rarely something scipy rejects."""
    kind = draw(st.integers(0, 19))
    if kind < 10 or ndim == 0:
        if kind == 19:
            return draw(st.sampled_from([(0,), 0, ()]))
        return None
    if kind < 16:
        axes = draw(st.permutations(range(ndim)))
        axes = axes[: draw(st.integers(0, ndim))]
        return tuple(a - ndim if draw(st.booleans()) else a for a in axes)
    if kind < 18:
        return draw(st.integers(-ndim, ndim - 1))
    return draw(
        st.sampled_from([(0, 0), (ndim,), ndim, -ndim - 1, (0, -ndim), 1.0, "0"])
    )


def _axes_list(axes, ndim):
    """The filtered axes (normalised), or None when `axes` is invalid."""
    try:
        if axes is None:
            return list(range(ndim))
        if np.isscalar(axes):
            return [int(axes) % ndim] if isinstance(axes, (int, np.integer)) else None
        return [a % ndim for a in axes]
    except (TypeError, ZeroDivisionError):
        return None


@st.composite
def ndimage_output(draw, shape):
    """('none',), ('dtype', dt), ('array', ArraySpec) or ('inplace',)."""
    kind = draw(st.integers(0, 9))
    if kind < 4:
        return ("none",)
    if kind < 7:
        dt = draw(dtypes(ALL_DTYPES, swap=False))
        form = draw(st.sampled_from(["dtype", "type", "str"]))
        if form == "type":
            return ("dtype", dt.type)
        if form == "str":
            return ("dtype", dt.name)
        return ("dtype", dt)
    if kind < 9:
        shp = shape
        if draw(st.integers(0, 14)) == 0:
            shp = shape + (1,)
        spec = draw(arrays(dtypes(ALL_DTYPES), shp, writeable=True))
        return ("array", spec)
    return ("inplace",)


@st.composite
def mode_values(draw):
    return rarely(draw, st.sampled_from(["foo", None, 1]), st.sampled_from(MODES), 40)


@st.composite
def order_values(draw):
    return rarely(draw, st.sampled_from([-1, 1.0, 4]), st.integers(0, 3), 30)


@st.composite
def cval_values(draw):
    common = st.one_of(
        st.sampled_from([0.0, 1.0, -2.5]), st.floats(-10, 10), st.integers(-5, 5)
    )
    odd = st.sampled_from([np.nan, np.inf, -np.inf, 1e300, 3.5e38, 1 + 2j, "abc"])
    return rarely(draw, odd, common, 8)


@st.composite
def truncate_values(draw):
    common = st.one_of(st.just(4.0), st.floats(0.1, 6.0))
    return rarely(draw, st.sampled_from([0.0, np.nan, np.inf, -1.0]), common, 25)


@st.composite
def radius_values(draw):
    return draw(st.one_of(st.none(), st.integers(0, 8)))


def _build(x_spec, out):
    """Fresh (input, output argument) for one implementation."""
    x = x_spec.make()
    if out[0] == "none":
        return x, None
    if out[0] == "dtype":
        return x, out[1]
    if out[0] == "inplace":
        return x, x
    return x, out[1].make()


def _passes_1d(sigma, order, radius, truncate):
    """sum |w| of one pass's weights (1.0 when they cannot be made)."""
    try:
        s = float(sigma)
        lw = int(float(truncate) * s + 0.5) if radius is None else int(radius)
        if _gaussian_kernel1d is None or not s > 0 or lw > 10000:
            return 1.0
        with np.errstate(all="ignore"):
            gain = float(np.abs(_gaussian_kernel1d(s, int(order), lw)).sum())
        return gain if np.isfinite(gain) else 1.0
    except (ValueError, TypeError, OverflowError, ZeroDivisionError):
        return 1.0


F32_MAX = float(np.finfo(np.float32).max)


def _f32_scale(x, cval, passes):
    """(atol, reach) of one chain of float32 passes: 1e-5 (docs/ndimage.rst,
    on data in [0, 1]) times the data's scale and the weights' gains; the
    magnitude the chain's intermediate sums may reach."""
    scale = finite_max(x)
    try:
        c = complex(cval)
        if np.isfinite(c):
            scale = max(scale, abs(c))
    except (TypeError, ValueError):
        pass
    gain = 1.0
    for p in passes:
        gain *= max(1.0, p)
    return 1e-5 * max(scale, np.finfo(np.float32).tiny) * gain, 2 * scale * gain


def _check_filter_result(name, x, kout, sout, got, want, tol):
    """Outcomes of one filter call: raising, the output object, values.

    float64, integer and bool results are scipy's bit for bit (kernterp.ndimage:
    "float64 data are filtered ... bit-identical", "Integer (and bool) inputs
    follow scipy exactly ... bit for bit"); results computed in float32 (a
    float32 or complex64 input into a float32/complex64 output) are within
    the tolerance ``tol(want, got)`` gives of scipy's (docs/ndimage.rst,
    "float32"), and where the intermediate sums may pass the float32 maximum
    they may be inf or NaN where scipy's float64 sums are not (documented
    there too).
    """
    if not same_raising(got, want, name):
        return
    if isinstance(sout, np.ndarray):
        assert (got is kout) == (want is sout), f"{name}: output object"
    in32 = _real_char(x.dtype) == "f"
    out32 = np.asarray(want).dtype.char in "fF"
    if in32 and out32:
        atol, reach = tol(want, got)
        assert_close(got, want, atol, name, nonfinite_ok=reach >= F32_MAX)
    else:
        assert_bits(got, want, name)


def _unchanged(spec, x, out):
    """The input is left as it was (unless it is also the output)."""
    if out is x:
        return
    fresh = spec.make()
    assert fresh.tobytes() == x.tobytes() or np.array_equal(fresh, x, equal_nan=True), (
        "input modified"
    )


def _run_filter(name, x_spec, out, *args, **kwargs):
    kx, kout = _build(x_spec, out)
    sx, sout = _build(x_spec, out)
    got = outcome(getattr(kn, name), kx, *args, output=kout, **kwargs)
    want = outcome(getattr(sn, name), sx, *args, output=sout, **kwargs)
    _unchanged(x_spec, kx, kout)
    # (x: a fresh copy of the input, which may have been the output)
    return x_spec.make(), kout, sout, got, want


filter_inputs = arrays(dtypes(ALL_DTYPES), shapes(0, 5))


@given(st.data())
@examples(300)
def test_gaussian_filter(data):
    x_spec = data.draw(filter_inputs, "x")
    ndim = x_spec.ndim
    axes = data.draw(axes_arg(ndim), "axes")
    ax = _axes_list(axes, ndim)
    n = len(ax) if ax is not None else max(ndim, 1)
    sigma = data.draw(per_axis(sigma_values(), n), "sigma")
    order = data.draw(per_axis(order_values(), n), "order")
    mode = data.draw(per_axis(mode_values(), n), "mode")
    radius = data.draw(per_axis(radius_values(), n, 4), "radius")
    cval = data.draw(cval_values(), "cval")
    truncate = data.draw(truncate_values(), "truncate")
    out = data.draw(ndimage_output(x_spec.shape), "output")
    kw = dict(mode=mode, cval=cval, truncate=truncate, radius=radius, axes=axes)
    x, kout, sout, got, want = _run_filter(
        "gaussian_filter", x_spec, out, sigma, order, **kw
    )

    def tol(want, got):
        seq = (list, tuple)
        passes = []
        for i in range(n):
            s = sigma[i] if isinstance(sigma, seq) else sigma
            o = order[i] if isinstance(order, seq) else order
            r = radius[i] if isinstance(radius, seq) else radius
            passes.append(_passes_1d(s, o, r, truncate))
        return _f32_scale(x, cval, passes)

    _check_filter_result("gaussian_filter", x, kout, sout, got, want, tol)


@given(st.data())
@examples(300)
def test_gaussian_filter1d(data):
    x_spec = data.draw(filter_inputs, "x")
    ndim = x_spec.ndim
    axis = rarely(
        data.draw,
        st.sampled_from([ndim, -ndim - 1, 1.0, "0", np.int64(-1)]),
        st.integers(-max(ndim, 1), max(ndim, 1) - 1),
        20,
    )
    sigma = data.draw(sigma_values(), "sigma")
    order = data.draw(order_values(), "order")
    mode = data.draw(mode_values(), "mode")
    radius = data.draw(radius_values(), "radius")
    cval = data.draw(cval_values(), "cval")
    truncate = data.draw(truncate_values(), "truncate")
    out = data.draw(ndimage_output(x_spec.shape), "output")
    kw = dict(mode=mode, cval=cval, truncate=truncate, radius=radius)
    x, kout, sout, got, want = _run_filter(
        "gaussian_filter1d", x_spec, out, sigma, axis, order, **kw
    )

    def tol(want, got):
        return _f32_scale(x, cval, [_passes_1d(sigma, order, radius, truncate)])

    _check_filter_result("gaussian_filter1d", x, kout, sout, got, want, tol)


@pytest.mark.parametrize("name", ["gaussian_laplace", "gaussian_gradient_magnitude"])
@given(data=st.data())
@examples(200)
def test_gaussian_laplace_and_gradient_magnitude(name, data):
    x_spec = data.draw(filter_inputs, "x")
    ndim = x_spec.ndim
    axes = data.draw(axes_arg(ndim), "axes")
    ax = _axes_list(axes, ndim)
    n = len(ax) if ax is not None else max(ndim, 1)
    sigma = data.draw(per_axis(sigma_values(), n), "sigma")
    mode = data.draw(per_axis(mode_values(), n), "mode")
    cval = data.draw(cval_values(), "cval")
    out = data.draw(ndimage_output(x_spec.shape), "output")
    kwargs = {}
    if data.draw(st.booleans(), "truncate?"):
        kwargs["truncate"] = data.draw(truncate_values(), "truncate")
    if data.draw(st.booleans(), "radius?"):
        kwargs["radius"] = data.draw(radius_values(), "radius")
    x, kout, sout, got, want = _run_filter(
        name, x_spec, out, sigma, mode=mode, cval=cval, axes=axes, **kwargs
    )
    order = 2 if name == "gaussian_laplace" else 1

    def tol(want, got):
        # each term: a gaussian_filter over all axes with one derivative
        # axis; gaussian_laplace's sigma is per filtered axis (0 elsewhere),
        # gaussian_gradient_magnitude's per axis of the input
        seq = (list, tuple)
        axes_ = ax if ax is not None else []
        if not axes_:
            return _f32_scale(x, cval, [])
        if name == "gaussian_laplace":
            sig = [0.0] * ndim
            for k, a in enumerate(axes_):
                sig[a] = sigma[k] if isinstance(sigma, seq) else sigma
        else:
            sig = [sigma[i] if isinstance(sigma, seq) else sigma for i in range(ndim)]
        truncate = kwargs.get("truncate", 4.0)
        radius = kwargs.get("radius")
        gains = []
        for a in axes_:
            passes = [
                _passes_1d(s, order if i == a else 0, radius, truncate)
                for i, s in enumerate(sig)
            ]
            gains.append(math.prod(max(1.0, p) for p in passes))
        # in place (output=input), scipy's generic_laplace and
        # generic_gradient_magnitude read the input after the first term has
        # overwritten it: the later terms filter the partial sum (of squares),
        # whose scale and differences (kernterp's and scipy's partial sums
        # differ by the earlier terms' rounding) they carry on
        inplace = out[0] == "inplace"
        data = _f32_scale(x, cval, [])[1] / 2  # the data's scale
        tiny = float(np.finfo(np.float32).tiny)
        err = partial = 0.0
        terms, reaches = [], []
        with np.errstate(all="ignore"):
            for g in gains:
                e = 1e-5 * max(data, tiny) * g + g * err
                e = e if e == e else np.inf
                terms.append(e)
                reaches.append(2 * data * g)
                if inplace:
                    d = data * g  # a bound of the term
                    if name == "gaussian_laplace":
                        err, partial = err + e, partial + d
                    else:
                        err, partial = err + 2 * d * e + e * e, partial + d * d
                    data = partial
        reach = max(reaches) * len(reaches) if reaches else 0.0
        if not np.isfinite(reach):
            reach = np.inf
        if name == "gaussian_laplace":
            return sum(terms), reach
        # sqrt(sum of squares): |g - w| |g + w| = |g^2 - w^2| (complex too:
        # near the branch cut g may be -w) and |g^2 - w^2| <= sum 2 |d| e + e^2
        # (d the largest derivative term), plus the rounding of the root
        big = finite_max(want, got)
        d2 = sum(2 * big * e + e * e for e in terms) * (1 + 1e-3)
        w = np.asarray(want).astype(np.complex128)
        g = np.asarray(got).astype(np.complex128)
        with np.errstate(all="ignore"):
            t = np.where(np.abs(g + w) > 0, d2 / np.abs(g + w), np.inf)
        t[np.isnan(t)] = np.inf  # (inf / inf: the values themselves overflowed)
        if not np.iscomplexobj(want):
            t = np.minimum(t, np.sqrt(d2))
        t = t + 4 * np.finfo(np.float32).eps * np.nan_to_num(np.abs(w), posinf=0.0)
        # squares of the largest terms: their reach squared
        return t, max(reach, reach * reach)

    _check_filter_result(name, x, kout, sout, got, want, tol)


# ==========================================================================
# numpy.interp


def _sorted_1d(v):
    """`v` (1-D) sorted increasing (complex: by real part), NaN last."""
    if v.dtype.kind == "c":
        return v[np.argsort(v.real, kind="stable")]
    return np.sort(v, kind="stable")


@st.composite
def knots(draw, dtype, n, *, sort=True):
    """An ArraySpec of `n` knots, increasing when `sort` (repeats allowed)."""
    spec = draw(arrays(dtype, (n,)))
    if sort:
        spec.values = _sorted_1d(spec.values)
    return spec


@st.composite
def queries(draw, dtype, near, shape=None):
    """Query points: hard arrays, some entries put on or between `near`'s
    values (the knots) so that the interesting places are hit."""
    spec = draw(arrays(dtype, shapes(0, 4) if shape is None else shape))
    v = spec.values
    k = np.asarray(near).reshape(-1)
    if v.size and k.size and draw(st.integers(0, 3)):
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        flat = v.reshape(-1)
        idx = rng.choice(flat.size, size=max(1, flat.size // 2), replace=False)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = k[rng.integers(0, k.size, idx.size)]
            b = k[rng.integers(0, k.size, idx.size)]
            t = rng.choice([0.0, 0.5, 1.0, 1e-9, -0.25, 1.25], idx.size)
            pick = a + t * (b.astype(np.result_type(k, float)) - a)
            if flat.dtype.kind != "c":
                pick = np.real(pick)
            flat[idx] = pick.astype(flat.dtype)
    return spec


INTERP_DTYPES = (np.dtype(np.float64),) * 4 + (np.dtype(np.float32),) * 3 + ALL_DTYPES


@st.composite
def interp_case(draw):
    n = draw(st.integers(1, 12)) if draw(st.integers(0, 30)) else 0
    xp_dt = draw(dtypes(INTERP_DTYPES))
    fp_dt = draw(dtypes(INTERP_DTYPES))
    x_dt = draw(dtypes(INTERP_DTYPES))
    if draw(st.integers(0, 2)) == 0:
        # all float32 (the float32 path) or all float64
        xp_dt = fp_dt = x_dt = draw(st.sampled_from([F32, F64]))
    xp = draw(knots(xp_dt, n))
    m = n if draw(st.integers(0, 20)) else draw(st.sampled_from([n + 1, max(n - 1, 0)]))
    fp = draw(arrays(fp_dt, (m,)))
    x = draw(queries(x_dt, xp.values))
    form = draw(st.integers(0, 9))  # Python scalar / list for x now and then
    lr = st.one_of(
        st.none(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([1, np.float32(2.5), 1 + 2j, "a", np.nan, -np.inf]),
    )
    left = draw(lr) if draw(st.integers(0, 3)) == 0 else None
    right = draw(lr) if draw(st.integers(0, 3)) == 0 else None
    period = None
    if draw(st.integers(0, 5)) == 0:
        period = draw(
            st.one_of(
                st.floats(0.1, 10.0),
                st.sampled_from(
                    [0, -2.0, 360, np.nan, np.inf, 2 * np.pi, np.float32(0.1)]
                    + [np.longdouble(2), 1 + 1j, "a"]
                ),
            )
        )
    return xp, fp, x, form, left, right, period


def _interp_x(x, form):
    a = x.make()
    if form == 0 and a.ndim == 0:
        return a.item()  # a Python scalar
    if form == 1 and a.ndim == 1:
        return a.tolist()
    return a


@given(interp_case())
@examples(400)
def test_interp(case):
    xp, fp, x, form, left, right, period = case
    kw = dict(left=left, right=right, period=period)

    def run(f):
        return outcome(f, _interp_x(x, form), xp.make(), fp.make(), **kw)

    got, want = run(ki.interp), run(np.interp)
    xa, xpa, fpa = np.asarray(_interp_x(x, form)), xp.make(), fp.make()
    if not same_raising(got, want, "interp"):
        return
    if xa.dtype == F32 and xpa.dtype == F32 and fpa.dtype == F32:
        # docs/lookup.rst, "Deliberate difference": all float32 -> a float32
        # result, computed in float32
        w = np.asarray(want)
        want32 = w.astype(np.float32)
        if isinstance(want, np.generic):
            want32 = want32[()]
        eps = float(np.finfo(np.float32).eps)
        fmax = finite_max(fpa)
        with np.errstate(all="ignore"):
            slopes = np.diff(fpa.astype(np.float64)) / np.diff(xpa.astype(np.float64))
        atol = 8 * eps * fmax + 2 * eps * np.abs(np.nan_to_num(w, posinf=0, neginf=0))
        # a slope below float32's subnormals is rounded to a multiple of
        # the smallest one: that error times the distance to the knot
        span = finite_max(xa.astype(np.float64)) + finite_max(xpa.astype(np.float64))
        atol = atol + 2 * float(np.finfo(np.float32).smallest_subnormal) * span
        if period is not None:
            atol = 0.0  # computed in float64 and rounded (see _interp_impl)
        overflow = period is None and (
            2 * fmax >= F32_MAX or finite_max(slopes) >= F32_MAX / 4
        )
        assert_close(got, want32, atol, "interp float32", nonfinite_ok=overflow)
    else:
        assert_bits(got, want, "interp")


# ==========================================================================
# scipy.interpolate.interp1d

INTERP1D_KINDS = (
    "linear",
    "nearest",
    "nearest-up",
    "zero",
    "slinear",
    "quadratic",
    "cubic",
    "previous",
    "next",
    0,
    1,
    2,
    3,
    4,
    5,
)
#: kinds that are scipy's own code in kernterp (docs/lookup.rst, interp1d)
SCIPY_OWN_KINDS = ("nearest", "nearest-up", "previous", "next", "zero")
REAL_AXIS_DTYPES = (F64,) * 6 + (F32,) * 2 + REAL_DTYPES


@st.composite
def y_for(draw, n, dtype_choices=ALL_DTYPES, max_dims=3):
    """An ArraySpec of values with `n` along a drawn axis, and that axis."""
    ndim = draw(st.integers(1, max_dims))
    axis = draw(st.integers(0, ndim - 1))
    shape = list(draw(shapes(ndim - 1, ndim - 1, min_side=0)))
    shape.insert(axis, n)
    y = draw(arrays(dtypes(dtype_choices), tuple(shape)))
    return y, axis


@st.composite
def fill_values(draw, tail):
    """interp1d's fill_value forms for values of trailing shape `tail`."""
    kind = draw(st.integers(0, 7))
    scalar = st.one_of(
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0, 1j])
    )
    if kind == 0:
        return "extrapolate"
    if kind == 1:
        return draw(scalar)
    if kind == 2:
        return (draw(scalar), draw(scalar))
    if kind == 3:
        return np.full(tail, draw(st.floats(-5, 5)))
    if kind == 4:
        return (np.full(tail, draw(st.floats(-5, 5))), draw(scalar))
    if kind == 5:
        return draw(st.sampled_from(["foo", (1.0, 2.0, 3.0), np.ones((7, 7))]))
    return np.nan


@st.composite
def interp1d_case(draw):
    kind = rarely(
        draw, st.sampled_from(["foo", 7, -1]), st.sampled_from(INTERP1D_KINDS)
    )
    n = draw(st.integers(1, 9)) if draw(st.integers(0, 30)) else 0
    x = draw(arrays(dtypes(REAL_AXIS_DTYPES), (n,)))
    assume_sorted = draw(st.booleans())
    if assume_sorted or draw(st.booleans()):
        x.values = _sorted_1d(x.values)
    y, axis = draw(y_for(n))
    axis_arg = axis - y.ndim if draw(st.booleans()) else axis
    axis_arg = rarely(draw, st.sampled_from([y.ndim, -y.ndim - 1]), st.just(axis_arg))
    tail = y.shape[:axis] + y.shape[axis + 1 :]
    kw = dict(kind=kind, axis=axis_arg, assume_sorted=assume_sorted)
    if draw(st.booleans()):
        kw["fill_value"] = draw(fill_values(tail))
    if draw(st.booleans()):
        kw["bounds_error"] = draw(st.sampled_from([True, False, None]))
    if draw(st.booleans()):
        kw["copy"] = draw(st.booleans())
    q = draw(queries(dtypes(REAL_AXIS_DTYPES, swap=True), x.values, shapes(0, 3)))
    return x, y, kw, q


def _spline_scale(*arrays):
    """The data's scale for 'to rounding' comparisons."""
    return max(finite_max(*arrays), np.finfo(np.float64).tiny)


def _scipy_heap_bug(x, kind):
    """scipy 1.17's collocation matrix (make_interp_spline, which interp1d's
    spline kinds call) writes out of bounds for some non-finite knots
    (``interp1d([-inf, inf, nan], y, kind='quadratic')`` corrupts the heap,
    and the process aborts later): kernterp's interp1d runs scipy's
    constructor, so such inputs are left out of the draws."""
    order = {"quadratic": 2, "cubic": 3}.get(kind, kind)
    xv = np.asarray(x, np.float64)
    return isinstance(order, int) and order >= 2 and (~np.isfinite(xv)).sum() >= 2


@given(interp1d_case())
@examples(300)
def test_interp1d(case):
    x, y, kw, q = case
    assume(not _scipy_heap_bug(x.make(), kw["kind"]))

    def build(mod):
        return outcome(mod.interp1d, x.make(), y.make(), **kw)

    kobj, sobj = build(ki), build(si)
    if not same_raising(kobj, sobj, "interp1d()"):
        return
    got, want = outcome(kobj, q.make()), outcome(sobj, q.make())
    if (
        isinstance(want, Raised)
        and "C contiguous" in str(want.exc)
        and not q.make().flags.aligned
        and not isinstance(got, Raised)
    ):
        # docs/lookup.rst (interp1d): scipy's B-spline evaluation rejects
        # unaligned float64 queries, kernterp evaluates them: compare with
        # scipy's values for an aligned copy
        want = outcome(sobj, q.make().copy())
    if not same_raising(got, want, "interp1d(...)(x)"):
        return
    kind = kw["kind"]
    if sobj._call is si.interp1d._call_linear_np or kind in SCIPY_OWN_KINDS:
        # docs/lookup.rst: 'linear' on 1-D float64 data without
        # extrapolation is numpy.interp's, bit for bit; the nearest /
        # previous / next kinds are scipy's own code
        assert_bits(got, want, "interp1d")
        return
    # the spline kinds and 'linear' otherwise: "to rounding"
    ya = np.asarray(sobj.y)
    xa = np.asarray(sobj.x, np.float64)
    scale = _spline_scale(ya, np.asarray(want))
    order = {"linear": 1, "slinear": 1, "quadratic": 2, "cubic": 3}.get(kind, kind)
    if kind == "linear":
        # scipy's slope form subtracts the values in their own dtype
        # (float32 / complex64 stay single), kernterp in float64
        rel = 64 * np.finfo(ya.real.dtype if ya.dtype.kind in "fc" else F64).eps
    elif kind in ("slinear", 1):
        rel = 64 * np.finfo(np.float64).eps
    else:
        # pieces from another solver / a conversion of scipy's B-spline:
        # rounding amplified by the conditioning of the knots' spacing
        h = np.diff(np.unique(xa[np.isfinite(xa)]))
        ratio = float(h.max() / h.min()) if h.size else 1.0
        rel = 1e-12 * min(max(1.0, ratio), 1e6) ** 2
    # extrapolation amplifies the rounding of the end pieces' coefficients
    qa = np.asarray(q.make(), np.float64)
    qa = qa[np.isfinite(qa)]
    fx = np.sort(xa[np.isfinite(xa)])
    if qa.size and fx.size > 1:
        h = float(np.min(np.diff(np.unique(fx)))) if np.unique(fx).size > 1 else 1.0
        out = max(0.0, fx[0] - qa.min(), qa.max() - fx[-1])
        rel *= (1.0 + out / h) ** int(order)
    atol = rel * scale
    # docs/lookup.rst: where the values overflow (far extrapolation) the
    # power sums may give NaN where scipy's B-spline gives inf
    w = np.asarray(want)
    overflow = bool(np.isinf(w).any()) and np.isfinite(finite_max(ya))
    # (extrapolated so far that the rounding bound is infinite, or values
    # near the float64 maximum: nothing left to compare, NaN from 0 * inf or
    # inf - inf in a power sum included)
    overflow = overflow or not np.isfinite(atol) or not atol / rel < 1e300
    assert_close(got, want, atol, "interp1d", nonfinite_ok=overflow)


# ==========================================================================
# scipy.interpolate.CubicSpline


@st.composite
def bc_types(draw, tail, periodic_ok):
    """CubicSpline's bc_type forms for derivative values of shape `tail`."""
    names = ["not-a-knot", "clamped", "natural"]
    if periodic_ok:
        names.append("periodic")

    def end(draw):
        if draw(st.booleans()):
            return draw(st.sampled_from(names[:3]))
        order = rarely(draw, st.sampled_from([0, 3]), st.sampled_from([1, 2]), 20)
        value = np.asarray(
            draw(st.floats(-5, 5))
            + (1j * draw(st.floats(-1, 1)) if draw(st.integers(0, 4)) == 0 else 0.0)
        ) * np.ones(tail)
        if draw(st.integers(0, 20)) == 0:
            value = np.ones(tail + (2,))
        return (order, value)

    kind = draw(st.integers(0, 6))
    if kind < 2:
        return draw(st.sampled_from(names))
    if kind == 6:
        return draw(st.sampled_from(["foo", ("periodic", "natural"), ("natural",)]))
    return (end(draw), end(draw))


@st.composite
def cubic_spline_case(draw):
    n = draw(st.integers(2, 9)) if draw(st.integers(0, 30)) else 1
    x = draw(arrays(dtypes(REAL_AXIS_DTYPES + COMPLEX[:1]), (n,)))
    if draw(st.integers(0, 15)):
        x.values = _sorted_1d(x.values)
    y, axis = draw(y_for(n))
    periodic = draw(st.integers(0, 4)) == 0
    if periodic and n:
        v = np.moveaxis(y.values, axis, 0)
        v[-1] = v[0]
    tail = y.shape[:axis] + y.shape[axis + 1 :]
    bc = draw(bc_types(tail, periodic))
    axis_arg = axis - y.ndim if draw(st.booleans()) else axis
    kw = dict(axis=axis_arg, bc_type=bc)
    if draw(st.booleans()):
        kw["extrapolate"] = draw(st.sampled_from([None, True, False, "periodic"]))
    q = draw(queries(dtypes(REAL_AXIS_DTYPES), x.values, shapes(0, 3)))
    nu = rarely(draw, st.sampled_from([-1, 5, 1.0]), st.integers(0, 3), 20)
    ext = draw(st.sampled_from([None, None, True, False, "periodic"]))
    return x, y, kw, q, nu, ext


def _spline_tol(xa, ya, bc, q, nu):
    """'to rounding' for CubicSpline values (docs/lookup.rst): another
    elimination for the same equations, so rounding amplified by the
    conditioning of the knots' spacing, by 1/h^nu for derivatives and by
    the distance of extrapolated points."""
    xa = np.asarray(xa, np.float64)
    h = np.diff(xa)
    if not h.size or not np.all(h > 0):
        return np.inf
    scale = finite_max(ya)
    if isinstance(bc, tuple):
        for end in bc:
            if isinstance(end, tuple) and len(end) == 2:
                o = end[0] if end[0] in (1, 2) else 1
                with np.errstate(all="ignore"):
                    scale = max(scale, finite_max(end[1]) * np.float64(h.max()) ** o)
    scale = max(scale, np.finfo(np.float64).tiny)
    with np.errstate(all="ignore"):
        ratio = float(h.max() / h.min())
    if not ratio <= 1e6 or not 1e-100 <= h.min() <= h.max() <= 1e100:
        # rounding amplified ~ratio^2, or powers of the spacings that
        # overflow or underflow: nothing left to compare
        return np.inf
    rel = 1e-12 * max(1.0, ratio) ** 2
    qa = np.asarray(q, np.float64)
    qa = qa[np.isfinite(qa)]
    out = max(0.0, xa[0] - qa.min(), qa.max() - xa[-1]) if qa.size else 0.0
    with np.errstate(all="ignore"):
        tol = rel * scale * (1 + out / h.min()) ** 3 / h.min() ** max(int(nu), 0)
    return np.inf if np.isnan(tol) else tol


def _pp_bound(c, xb, q, nu):
    """sum_j |c_j| |q - x_i|^(j - nu) j!/(j - nu)! on each query's piece: the
    size of the terms the power sum adds (rounding is relative to it)."""
    q = np.asarray(q, np.float64).reshape(-1)
    c = np.abs(np.asarray(c))
    c = c.reshape(c.shape[0], c.shape[1], -1)
    k = c.shape[0] - 1
    i = np.clip(np.searchsorted(xb, q, side="right") - 1, 0, len(xb) - 2)
    dx = np.abs(q - xb[i])
    total = np.zeros((q.size, c.shape[2]))
    with np.errstate(all="ignore"):
        for j in range(max(int(nu), 0), k + 1):
            fac = math.prod(range(j - int(nu) + 1, j + 1))
            total += c[k - j, i] * fac * (dx ** (j - int(nu)))[:, None]
    return np.nan_to_num(total, nan=np.inf, posinf=np.inf).max(initial=0.0)


@given(cubic_spline_case())
@examples(300)
def test_cubic_spline(case):
    x, y, kw, q, nu, ext = case

    def build(mod):
        return outcome(mod.CubicSpline, x.make(), y.make(), **kw)

    kobj, sobj = build(ki), build(si)
    if isinstance(sobj, Raised) and (
        isinstance(sobj.exc, np.linalg.LinAlgError) or "dydx" in str(sobj.exc)
    ):
        # docs/lookup.rst (CubicSpline): for knots spread over hundreds of
        # orders of magnitude scipy's banded solver may meet a zero pivot, or
        # its slopes overflow, where kernterp's elimination solves
        if not isinstance(kobj, Raised):
            with np.errstate(all="ignore"):
                xs = np.sort(np.abs(np.diff(x.make().astype(np.float64))))
                # spacings whose cubes (or inverse cubes) overflow, or values
                # near the float64 maximum, also once scaled by the ratio of
                # the spacings (the right-hand side's terms dx * dy / dx)
                extreme = xs.size and not (1e-100 <= xs[0] and xs[-1] <= 1e100)
                spread = xs[-1] / xs[0] if xs.size else 1.0
                extreme = extreme or not finite_max(y.make()) * spread <= 1e300
            assert extreme, f"scipy's {sobj!r} for ordinary data"
            return
    if not same_raising(kobj, sobj, "CubicSpline()"):
        return
    assert isinstance(kobj, si.CubicSpline)
    assert kobj.axis == sobj.axis and kobj.extrapolate == sobj.extrapolate
    assert_bits(kobj.x, sobj.x, "CubicSpline.x")
    ctol = _spline_tol(sobj.x, y.make(), kw["bc_type"], np.asarray([]), 0)
    with np.errstate(all="ignore"):
        # the coefficient of (x - x_i)^j scales like the values / h^j
        hmin = np.float64(np.diff(sobj.x).min())
        ctol = ctol * np.maximum(1.0, hmin ** -np.arange(3.0, -1.0, -1.0))
        # and relative to each row's largest coefficient
        rows = [finite_max(r) for r in np.asarray(sobj.c)]
        h = np.diff(sobj.x)
        ratio = min(float(h.max() / h.min()), 1e6) if h.size else 1.0
        ctol = ctol + 1e-12 * max(1.0, ratio) ** 2 * np.array(rows)
    ctol = ctol.reshape((4,) + (1,) * (sobj.c.ndim - 1))
    # coefficients that overflow (knots or values near the float64 limits)
    # may overflow in one elimination and not in the other
    with np.errstate(all="ignore"):
        overflow = not (
            np.isfinite(sobj.c).all()
            and np.isfinite(kobj.c).all()
            and np.isfinite(finite_max(sobj.c) * 1e10)
        )
    overflow = overflow or not np.isfinite(ctol).all()
    assert_close(kobj.c, sobj.c, ctol, "CubicSpline.c", nonfinite_ok=overflow)
    got = outcome(kobj, q.make(), nu, ext)
    want = outcome(sobj, q.make(), nu, ext)
    if not same_raising(got, want, "CubicSpline(...)(x)"):
        return
    qa = q.make()
    if ext == "periodic" or (ext is None and sobj.extrapolate == "periodic"):
        qa = np.asarray([])  # wrapped into the knots' range
    # values that overflow: inf in one power sum, inf - inf = NaN in another
    overflow = overflow or bool(np.isinf(np.asarray(want)).any())
    overflow = overflow or bool(np.isinf(np.asarray(got)).any())
    tol = _spline_tol(sobj.x, y.make(), kw["bc_type"], qa, nu)
    qq = np.asarray(q.make(), np.float64)
    qq = qq[np.isfinite(qq)]
    if qq.size and sobj.c.size and int(nu) >= 0:
        # plus the rounding of the power sums themselves
        terms = _pp_bound(sobj.c, sobj.x, qq, nu)
        tol = tol + 64e-12 * terms
        # power sums near the float64 maximum overflow in one evaluation and
        # not in the other (and complex arithmetic spreads NaN to both parts)
        overflow = overflow or not terms < 1e300
    assert_close(got, want, tol, "CubicSpline", nonfinite_ok=overflow)


# ==========================================================================
# scipy.interpolate.KroghInterpolator, krogh_interpolate


@st.composite
def krogh_nodes(draw):
    """Nodes with consecutive repeats (Hermite data); rarely a repeat that is
    not consecutive, or NaN / inf."""
    m = draw(st.integers(1, 5))
    dt = draw(dtypes(REAL_AXIS_DTYPES + COMPLEX[:1]))
    base = draw(arrays(dt, (m,), specials=draw(st.integers(0, 9)) == 0))
    reps = [draw(st.integers(1, 3)) for _ in range(m)]
    v = np.repeat(base.values, reps)
    if v.size > 8:
        v = v[:8]
    if draw(st.integers(0, 20)) == 0 and v.size > 2:
        v[-1] = v[0]
    return ArraySpec(v, base.dtype, draw(st.sampled_from(["C", "strided", "negative"])))


@st.composite
def krogh_case(draw):
    xi = draw(krogh_nodes())
    n = xi.shape[0]
    if draw(st.integers(0, 20)) == 0:
        n = n + 1  # a length mismatch
    yi, axis = draw(y_for(n, max_dims=2))
    axis_arg = axis - yi.ndim if draw(st.booleans()) else axis
    axis_arg = rarely(draw, st.sampled_from([yi.ndim, 1.0]), st.just(axis_arg), 30)
    q_dt = dtypes(REAL_AXIS_DTYPES + COMPLEX[:1])
    q = draw(queries(q_dt, xi.values, shapes(0, 2)))
    method = draw(
        st.sampled_from(["call", "derivative", "derivatives", "krogh_interpolate"])
    )
    der = rarely(draw, st.sampled_from([-1, -2]), st.integers(0, n + 1), 25)
    if method == "derivatives":
        der = draw(st.one_of(st.none(), st.integers(0, n + 2)))
    if method == "krogh_interpolate" and draw(st.booleans()):
        der = draw(st.lists(st.integers(0, n + 1), min_size=1, max_size=3))
    return xi, yi, axis_arg, q, method, der


def _newton_bound(c, z, t, der):
    """An upper bound of the terms of the Newton form's der-th derivative at
    the points t: sum_k |c_k| k!/(k-der)! M^(k-der), M = max_j |t - z_j|."""
    c = np.abs(np.asarray(c)).reshape(len(c), -1)
    z = np.asarray(z, np.float64)
    t = np.asarray(t, np.float64).reshape(-1, 1)
    with np.errstate(all="ignore"):
        m = np.abs(t - z[None, :]).max(axis=1) if z.size else np.zeros(len(t))
        total = np.zeros((len(t), c.shape[1]))
        for k in range(int(der), len(c)):
            fac = math.prod(range(k - int(der) + 1, k + 1))
            total += fac * c[k][None, :] * (m ** (k - int(der)))[:, None]
    return np.nan_to_num(total, nan=np.inf, posinf=np.inf).max(initial=0.0)


def _krogh_magnitudes(xi, yi):
    """scipy's divided-difference recurrence run on magnitudes (|a| + |b|
    over |x_i - x_k|): a bound of the intermediate values each coefficient
    is computed from, to which its rounding is relative."""
    xi = np.asarray(xi, np.float64)
    yi = np.abs(np.asarray(yi)).reshape(len(xi), -1).astype(np.float64)
    n = len(xi)
    c = np.zeros((n + 1, yi.shape[1]))
    c[0] = yi[0]
    vk = np.zeros((n, yi.shape[1]))
    with np.errstate(all="ignore"):
        for k in range(1, n):
            s = 0
            while s <= k and xi[k - s] == xi[k]:
                s += 1
            s -= 1
            vk[0] = yi[k] / math.factorial(s)
            for i in range(k - s):
                d = abs(xi[i] - xi[k])
                vk[i + 1] = ((c[i] if s == 0 else vk[i + 1]) + vk[i]) / d
            c[k] = vk[k - s]
    return c


@given(krogh_case())
@examples(300)
def test_krogh(case):
    xi, yi, axis, q, method, der = case

    def run(mod):
        if method == "krogh_interpolate":
            return outcome(
                mod.krogh_interpolate, xi.make(), yi.make(), q.make(), der, axis
            )
        obj = outcome(mod.KroghInterpolator, xi.make(), yi.make(), axis)
        if isinstance(obj, Raised):
            return obj, obj
        if method == "call":
            return obj, outcome(obj, q.make())
        return obj, outcome(getattr(obj, method), q.make(), der)

    if method == "krogh_interpolate":
        kobj = sobj = None
        got, want = run(ki), run(si)
    else:
        (kobj, got), (sobj, want) = run(ki), run(si)
        if not same_raising(kobj, sobj, "KroghInterpolator()"):
            return
        assert kobj.n == sobj.n and kobj.r == sobj.r and kobj.dtype == sobj.dtype
        c, sc = np.asarray(kobj.c), np.asarray(sobj.c)
        if sc.dtype.kind == "c":
            # docs/newton.rst: complex data to the last bit of numpy's
            # complex division
            mag = _krogh_magnitudes(sobj.xi, sobj.yi)
            k = np.arange(len(mag)).reshape(-1, 1)
            mag = np.nan_to_num(mag, nan=np.inf, posinf=np.inf)
            tol = 16 * (k + 1) * np.finfo(np.float64).eps * mag
            tol = tol + 16 * np.finfo(np.float64).smallest_subnormal
            assert_close(c, sc, tol, "c")
        else:
            # docs/newton.rst: the same recurrence, bit for bit
            assert_bits(c, sc, "KroghInterpolator.c")
    scalar_der = method in ("derivative", "krogh_interpolate") and isinstance(der, int)
    built = not isinstance(
        outcome(si.KroghInterpolator, xi.make(), yi.make(), axis), Raised
    )
    if scalar_der and der <= -2 and built:
        # docs/newton.rst: der < 0 is an IndexError for every negative order
        # (scipy returns a wrong-order row for der <= -2); krogh_interpolate
        # calls derivative
        assert isinstance(got, Raised) and isinstance(got.exc, IndexError), got
        return
    if not same_raising(got, want, f"Krogh {method}"):
        return
    # values: nested evaluation against scipy's sums of products, "equal to
    # rounding" (docs/newton.rst)
    sref = (
        sobj if sobj is not None else si.KroghInterpolator(xi.make(), yi.make(), axis)
    )
    ders = der if isinstance(der, list) else [0 if der is None else der]
    if method == "derivatives":
        ders = [sref.n if der is None else der]
    # (the magnitudes the coefficients come from: complex coefficients differ
    # by their rounding, which the evaluation carries)
    mag = _krogh_magnitudes(sref.xi, sref.yi)
    bound = max(
        _newton_bound(mag, sref.xi, np.real(q.make()), d)
        for d in range(0, max([int(d) for d in ders] + [0]) + 1)
    )
    tol = 64 * (sref.n + 1) * np.finfo(np.float64).eps * bound
    overflow = not np.isfinite(bound)
    assert_close(got, want, tol, f"Krogh {method}", nonfinite_ok=overflow)


# ==========================================================================
# scikit-learn: rbf_kernel, euclidean_distances(squared=True)


@st.composite
def pairwise_case(draw):
    n = draw(st.integers(1, 8)) if draw(st.integers(0, 30)) else 0
    d = draw(st.integers(1, 6)) if draw(st.integers(0, 30)) else 0
    shape = (n, d)
    if draw(st.integers(0, 25)) == 0:
        shape = draw(st.sampled_from([(n,), (), (n, d, 2)]))
    x_dt = dtypes((F64,) * 4 + (F32,) * 4 + ALL_DTYPES)
    finite = draw(st.integers(0, 9)) != 0
    x = draw(arrays(x_dt, shape, finite=finite))
    form = draw(st.sampled_from(["none", "none", "same", "other", "other"]))
    y = None
    if form == "other":
        m = draw(st.integers(1, 8))
        dy = d if draw(st.integers(0, 20)) else d + 1
        y = draw(arrays(x_dt, (m, dy), finite=finite))
    gamma = draw(
        st.one_of(
            st.none(),
            st.floats(0.0, 5.0),
            st.sampled_from([0, 1, True, np.float32(0.3), np.int64(2)]),
            st.sampled_from([np.array(0.5), np.array([0.2]), np.array([[1.5]])]),
            st.sampled_from([-1.0, np.nan, np.inf, "a", np.array([0.1, 0.2])]),
        )
    )
    return x, form, y, gamma


def _pairwise_args(x, form, y):
    X = x.make()
    if form == "none":
        return X, None
    if form == "same":
        return X, X
    return X, y.make()


def _sqdist_tol(X, Y, dtype, d):
    """docs/rbf.rst: kernterp's expansion is centred on the rows' common
    mean and within ~64 eps of the centred squared norms (entries that
    cancelled are recomputed exactly); scikit-learn's is not centred
    (float64, or float32 upcast to float64): a few eps64 of the plain
    squared norms.  Plus the rounding of the result itself."""
    X = np.asarray(X, np.float64)
    Y = X if Y is None else np.asarray(Y, np.float64)
    eps = float(np.finfo(dtype).eps)
    eps64 = float(np.finfo(np.float64).eps)
    with np.errstate(all="ignore"):
        mean = np.concatenate([X, Y]).mean(axis=0)
        xc = ((X - mean) ** 2).sum(axis=1)[:, None]
        yc = ((Y - mean) ** 2).sum(axis=1)[None, :]
        xn = (X**2).sum(axis=1)[:, None]
        yn = (Y**2).sum(axis=1)[None, :]
        tol = 64 * eps * (xc + yc) + 16 * eps64 * (xn + yn) + 4 * eps * np.abs(d)
    return np.nan_to_num(tol, nan=np.inf)


@pytest.mark.parametrize("name", ["rbf_kernel", "sqeuclidean_distances"])
@given(data=st.data())
@examples(250)
def test_pairwise(name, data):
    pytest.importorskip("sklearn")
    from sklearn.metrics import pairwise as skp

    from kernterp import kernels as kk

    x, form, y, gamma = data.draw(pairwise_case())

    def run(which):
        X, Y = _pairwise_args(x, form, y)
        if name == "rbf_kernel":
            f = kk.rbf_kernel if which == "kt" else skp.rbf_kernel
            return outcome(f, X, Y, gamma=gamma)
        if which == "kt":
            return outcome(kk.sqeuclidean_distances, X, Y)
        return outcome(skp.euclidean_distances, X, Y, squared=True)

    got, want = run("kt"), run("sk")
    if not same_raising(got, want, name):
        return
    assert_same_kind(got, want, name)
    X, Y = _pairwise_args(x, form, y)
    Yd = None if form in ("none", "same") else Y
    with np.errstate(all="ignore"):
        dist = skp.euclidean_distances(X, Yd, squared=True)
    tol_d = _sqdist_tol(X, Yd, want.dtype, dist)
    w = np.asarray(want)
    holes = np.isnan(w) & ~np.isnan(np.asarray(got))
    if holes.any():
        # docs/rbf.rst: where squared norms overflow, scikit-learn's
        # expansion is inf - inf = NaN; kernterp recomputes those entries
        # directly: they must be the direct formula's values
        Xf = np.asarray(X, np.float64)
        Yf = Xf if Yd is None else np.asarray(Yd, np.float64)
        with np.errstate(all="ignore"):
            direct = ((Xf[:, None, :] - Yf[None, :, :]) ** 2).sum(axis=2)
            if name == "rbf_kernel":
                g0 = 1.0 / Xf.shape[1] if gamma is None else np.asarray(gamma, float)
                direct = np.exp(-g0 * direct)
        direct = direct.astype(w.dtype)
        np.testing.assert_allclose(
            np.asarray(got)[holes], direct[holes], rtol=1e-6, atol=0
        )
        want = np.where(holes, got, w)
        dist = np.where(holes, 0.0, dist)
    if name == "sqeuclidean_distances":
        # where scikit-learn's own error bound passes the dtype's maximum
        # (float32 data near its maximum, upcast), a true distance beyond
        # it is inf in kernterp, anything in scikit-learn
        huge = bool((tol_d >= np.finfo(w.dtype).max).any())
        assert_close(got, want, tol_d, name, nonfinite_ok=huge)
        return
    g = 1.0 / X.shape[1] if gamma is None else np.asarray(gamma, np.float64)
    kmax = np.maximum(np.asarray(got, np.float64), np.asarray(want, np.float64))
    eps = float(np.finfo(want.dtype).eps)
    with np.errstate(all="ignore"):
        tol = np.nan_to_num(kmax * (g * tol_d + 4 * eps), nan=np.inf)
    assert_close(got, want, tol, name)
