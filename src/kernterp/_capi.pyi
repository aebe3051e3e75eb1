"""kernterp's C core (src/kernterp/_capi.c) and the capsule that exports it."""

from typing import Final, TypedDict, type_check_only

@type_check_only
class _ISA(TypedDict):
    current: str
    compiled: list[str]
    supported: list[str]
    requested: str | None
    requested_valid: bool

#: the capsule holding the table of the C API's function pointers
#: (include/kernterp/kernterp_api.h)
_C_API: Final[object]
ABI_VERSION: Final[int]
API_VERSION: Final[int]
MAX_THREADS: Final[int]
COMPILER: Final[str]

def isa() -> _ISA:
    """The instruction-set levels built in, supported, in use and requested."""
