import csv
import io

import pytest

from scheme.domain.csv_safety import csv_text, safe_cell


@pytest.mark.parametrize("value, written", [
    ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("Sam Patel", "Sam Patel"),
    ("", ""),
    (None, ""),
    (-5, "-5"),
])
def test_formula_cells_are_written_as_text(value, written):
    assert safe_cell(value) == written


def test_csv_text_neutralises_every_cell_and_reads_back():
    text = csv_text(["name", "=note"], [["=1+1", "ok"]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["name", "'=note"], ["'=1+1", "ok"]]


@pytest.mark.parametrize("value", ["=1+1", "+44 1376", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_formula_cells_get_a_leading_apostrophe(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_are_left_alone():
    assert safe_cell("The Swan") == "The Swan"
    assert safe_cell(None) == ""
    assert csv_text(["Name"], [["=HYPERLINK()"]]).splitlines() == ["\ufeffName", "'=HYPERLINK()"]
