"""Week 05, thresholding: hidden specs."""
import numpy as np
import pytest
from skimage import color, data, filters

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_colour_input_and_other_settings(load):
    """RGB input goes through rgb2gray; other block sizes work; bad arguments raise ValueError."""
    m = load("thresholding")
    coffee = data.coffee()
    gray = color.rgb2gray(coffee)
    assert np.array_equal(m.binarize(coffee, "otsu"), gray > filters.threshold_otsu(gray)), \
        "Otsu on an RGB image should threshold its rgb2gray version"
    camera = data.camera()  # uint8: some pixels equal the Otsu threshold, and they are not brighter than it
    assert np.array_equal(m.binarize(camera, "otsu"), camera > filters.threshold_otsu(camera)), \
        "the mask is True only where a pixel is brighter than the threshold (>, not >=)"
    square = np.zeros((40, 40))
    square[10:20, 10:20] = 1.0  # the black background equals its local threshold (0) exactly
    assert np.array_equal(m.binarize(square, "local", block_size=11, offset=0),
                          square > filters.threshold_local(square, 11, offset=0)), \
        "with a local threshold too, the mask is True only where a pixel is brighter than its threshold (>)"
    got = m.binarize(coffee, "local", block_size=51, offset=0.02)
    assert np.array_equal(got, gray > filters.threshold_local(gray, 51, offset=0.02)), \
        "local thresholding on an RGB image with another block size and offset is not right"
    page = data.page()
    assert np.array_equal(m.binarize(page, "local", block_size=21, offset=5),
                          page > filters.threshold_local(page, 21, offset=5)), \
        "block_size and offset must be passed on to the local threshold"
    for kwargs, why in (({"method": "local", "block_size": 1}, "a block_size below 3"),
                        ({"method": "local", "block_size": 2}, "an even block_size"),
                        ({"method": "median"}, "an unknown method")):
        raised = False
        try:
            m.binarize(page, **kwargs)
        except ValueError:
            raised = True
        assert raised, f"binarize should raise ValueError for {why}; check the arguments before thresholding"
