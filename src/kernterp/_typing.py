"""Type aliases of kernterp's public signatures (for type checkers; the
modules import this under ``typing.TYPE_CHECKING`` only, so that it costs
``import kernterp`` nothing).

The return types follow each function's dtype rule: the overloads give
``NDArray[np.float32]`` where float32 input stays float32, and
``NDArray[np.float64]`` where the result is float64 whatever the input;
where mypy cannot tell (``NDArray[Any]`` or list input that could be
either), the fallback is ``NDArray[Any]`` / ``FloatArray``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import (
    Any,
    Literal,
    Protocol,
    SupportsComplex,
    SupportsFloat,
    SupportsIndex,
    TypeAlias,
    TypeVar,
)

import numpy as np
import numpy.typing as npt

__all__ = [
    "AnyArray",
    "ArrayT",
    "Axes",
    "CVal",
    "DTypeOf",
    "DaskArrayLike",
    "DaskArrayT",
    "F32Array",
    "F32DType",
    "F32Result",
    "F64Array",
    "F64DType",
    "F64Result",
    "FloatArray",
    "FloatT",
    "Mode",
    "Modes",
    "Orders",
    "Radii",
    "Real",
    "Reals",
    "ScalarT",
    "Workers",
]

#: any numpy scalar type: the dtype a function preserves
ScalarT = TypeVar("ScalarT", bound=np.generic)
#: an ndarray type returned as given (an ``out=`` argument)
ArrayT = TypeVar("ArrayT", bound=np.ndarray[Any, Any])

#: float32 or float64: the dtype a float32-or-float64 function preserves
FloatT = TypeVar("FloatT", np.float32, np.float64)

AnyArray: TypeAlias = npt.NDArray[Any]
F32Array: TypeAlias = npt.NDArray[np.float32]
F64Array: TypeAlias = npt.NDArray[np.float64]
#: float32 or float64, as the input decides
FloatArray: TypeAlias = npt.NDArray[np.float32] | npt.NDArray[np.float64]

#: an array, or a scalar where it was squeezed to 0-d (as scipy squeezes)
F32Result: TypeAlias = np.float32 | npt.NDArray[np.float32]
F64Result: TypeAlias = np.float64 | npt.NDArray[np.float64]

#: what a ``dtype=`` argument that selects float32 / float64 may be
#: (np.float32 / np.float64 themselves, and their dtypes, are FloatT's)
F32DType: TypeAlias = Literal["float32", "f4", "f", "single"]
F64DType: TypeAlias = type[float] | Literal["float64", "f8", "d", "double", "float"]

#: a real number (a Python or numpy float or int)
Real: TypeAlias = SupportsFloat
#: a real number, or one per axis
Reals: TypeAlias = SupportsFloat | Sequence[SupportsFloat]

#: scipy.ndimage's boundary modes
Mode: TypeAlias = Literal[
    "reflect",
    "constant",
    "nearest",
    "mirror",
    "wrap",
    "grid-mirror",
    "grid-constant",
    "grid-wrap",
]
#: a mode, or one per axis
Modes: TypeAlias = Mode | Sequence[Mode]

#: an axis or several
Axes: TypeAlias = SupportsIndex | Sequence[SupportsIndex]
#: a derivative order, or one per axis
Orders: TypeAlias = SupportsIndex | Sequence[SupportsIndex]
#: a kernel radius (None: from truncate), or one per axis
Radii: TypeAlias = SupportsIndex | None | Sequence[SupportsIndex | None]
#: a fill value (complex for complex data)
CVal: TypeAlias = SupportsFloat | SupportsComplex
#: the dtype of ScalarT, as a type or a dtype
DTypeOf: TypeAlias = type[ScalarT] | np.dtype[ScalarT]

#: ``workers=``: None (every core), a count, or a negative count from the top
Workers: TypeAlias = SupportsIndex | None


class DaskArrayLike(Protocol):
    """What tells a dask array (or another lazy, chunked array) apart from
    an ndarray: ``chunks`` and ``compute``.  A function given one returns
    the same kind of array, lazily."""

    @property
    def chunks(self) -> Any: ...
    @property
    def ndim(self) -> int: ...
    @property
    def dtype(self) -> np.dtype[Any]: ...

    def compute(self, **kwargs: Any) -> Any: ...


#: a dask array, returned as the same type
DaskArrayT = TypeVar("DaskArrayT", bound=DaskArrayLike)
