from typing import Any

import numpy.typing as npt

def is_uniform(xp: npt.NDArray[Any]) -> bool: ...
def lookup(
    x: npt.NDArray[Any], xp: npt.NDArray[Any], path: int, nthreads: int
) -> npt.NDArray[Any]: ...
def interp(
    x: npt.NDArray[Any],
    xp: npt.NDArray[Any],
    fp: npt.NDArray[Any],
    left: float,
    right: float,
    out: npt.NDArray[Any],
    recip: bool,
    path: int,
    nthreads: int,
) -> npt.NDArray[Any]: ...
def ppoly_eval(
    c: npt.NDArray[Any],
    xb: npt.NDArray[Any],
    x: npt.NDArray[Any],
    extrapolate: bool,
    path: int,
    nthreads: int,
    out: npt.NDArray[Any] | None = None,
) -> npt.NDArray[Any]: ...
def cubic_spline(
    x: npt.NDArray[Any],
    y: npt.NDArray[Any],
    bc0: int,
    v0: npt.NDArray[Any] | None,
    bc1: int,
    v1: npt.NDArray[Any] | None,
) -> npt.NDArray[Any]: ...
def interp1(
    x: float,
    xp: npt.NDArray[Any],
    fp: npt.NDArray[Any],
    left: float | None,
    right: float | None,
) -> float | None: ...
