"""The Examples sections of the installed public modules run and print what they say."""

import doctest

import pytest

import kernterp
import kernterp._kernels_api
import kernterp._lookup_api
import kernterp._mixture_api
import kernterp._ndimage_api
import kernterp._newton_api
import kernterp._periodic_api
import kernterp._pool_api
import kernterp._rbf_api
import kernterp.interpolate
import kernterp.kernels
import kernterp.ndimage

# doctest collects only functions defined in the module it is given: the
# public modules re-export from these private ones
MODULES = [
    kernterp,
    kernterp._ndimage_api,
    kernterp.kernels,
    kernterp._kernels_api,
    kernterp._mixture_api,
    kernterp._pool_api,
    kernterp._rbf_api,
    kernterp._periodic_api,
    kernterp._lookup_api,
    kernterp.interpolate,
    kernterp._newton_api,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
