"""How readable white text is on a colour (WCAG 2's contrast ratio), and a shade that is.

A brand colour fills the header behind white text and colours links on white, so both need a
contrast of 4.5:1 (WCAG AA for normal text). The check names a darker shade of the owner's own
colour that passes, rather than only refusing it.
"""

from __future__ import annotations

import colorsys

#: WCAG AA for normal-size text.
AA_NORMAL = 4.5


def _rgb(hex_code: str) -> tuple[float, float, float]:
    digits = hex_code.lstrip("#")
    if len(digits) == 3:
        digits = "".join(2 * digit for digit in digits)
    red, green, blue = (int(digits[index : index + 2], 16) / 255 for index in (0, 2, 4))
    return red, green, blue


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(hex_code: str) -> float:
    """The contrast ratio of white on ``hex_code`` (1 to 21)."""
    return 1.05 / (_luminance(_rgb(hex_code)) + 0.05)


def passing_shade(hex_code: str, ratio: float = AA_NORMAL) -> str:
    """The lightest shade of ``hex_code`` (same hue and saturation, less light) on which
    white text reaches ``ratio``."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(hex_code))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
        shade = "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))
        if contrast_with_white(shade) >= ratio:
            return shade
    return "#000000"
