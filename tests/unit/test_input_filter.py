import pytest

from scheme.input_filter import has_control_characters


@pytest.mark.parametrize("text", ["\x00", "a\x00b", "\x08", "\x1b[31m", "\x7f", "\x85", "\x0b"])
def test_control_characters_are_found(text):
    assert has_control_characters(text)


@pytest.mark.parametrize("text", ["plain", "two\nlines\r\n", "a\ttab", "Zoë’s café ²", "\u202e", ""])
def test_text_tabs_and_line_breaks_are_not_control_characters(text):
    assert not has_control_characters(text)
