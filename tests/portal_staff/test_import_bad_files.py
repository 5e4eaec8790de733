"""Malformed and oversized spreadsheets are refused with a reason, write nothing, and never leave the
upload on disk (issue 10): broken sheet XML, a corrupt zip member, a workbook with no sheets, a zip
that unpacks to far more than it weighs, too many rows or columns."""

import io
import zipfile

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from portal.imports import readers
from portal.imports.columns import NAMES
from portal.imports.importer import import_plans
from portal.models import EHCPlan

pytestmark = pytest.mark.django_db

GOOD_ROW = ["EHC-000901", "Amy", "Lee", "2015-01-01", "2026-01-05", "parent"]
HEADINGS = [
    "reference",
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "request_date",
    "request_source",
]


def good_workbook():
    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append(GOOD_ROW)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewritten(data, replace):
    """The workbook ``data`` with members rewritten by ``replace(name, content) -> content or None``."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = replace(item.filename, source.read(item.filename))
            if content is not None:
                out.writestr(item.filename, content)
    return target.getvalue()


def broken_sheet_xml():
    return rewritten(
        good_workbook(),
        lambda name, content: (
            b"<worksheet><sheetData><row r='1'><c r='A1' t='s'" if "worksheets/sheet" in name else content
        ),
    )


def corrupt_member():
    data = bytearray(good_workbook())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    member = next(i for i in archive.infolist() if "worksheets/sheet" in i.filename)
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for offset in range(start + 2, start + min(member.compress_size, 40)):
        data[offset] ^= 0xFF
    return bytes(data)


def no_sheets():
    def drop_sheets(name, content):
        if name == "xl/workbook.xml":
            text = content.decode()
            head, _, rest = text.partition("<sheets>")
            return (head + "<sheets></sheets>" + rest.partition("</sheets>")[2]).encode()
        if "worksheets/sheet" in name:
            return None
        return content

    return rewritten(good_workbook(), drop_sheets)


def zip_bomb():
    """A small file whose sheet unpacks to 3 MB of spaces (the limit is lowered for the test)."""

    def pad(name, content):
        return (
            content.replace(b"<sheetData>", b"<sheetData>" + b" " * 3_000_000)
            if "worksheets/sheet" in name
            else content
        )

    return rewritten(good_workbook(), pad)


BAD_WORKBOOKS = {
    "broken sheet XML": (broken_sheet_xml, "Excel"),
    "corrupt zip member": (corrupt_member, "Excel"),
    "no sheets": (no_sheets, "sheet"),
    "zip bomb": (zip_bomb, "unpacks to more than 1 MB"),
}


@pytest.fixture(autouse=True)
def small_unpack_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)


@pytest.mark.parametrize("kind", BAD_WORKBOOKS)
def test_a_bad_workbook_is_refused_with_a_reason_and_imports_nothing(tmp_path, kind):
    make, words = BAD_WORKBOOKS[kind]
    path = tmp_path / "plans.xlsx"
    path.write_bytes(make())
    report = import_plans(path, dry_run=False)
    assert report.file_error, kind
    assert words in report.file_error
    assert EHCPlan.objects.count() == 0


def test_the_zip_bomb_is_small_on_disk():
    assert len(zip_bomb()) < 100_000


def test_too_many_rows_or_columns_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 10)
    rows = "\n".join(
        ",".join([f"EHC-{n:06d}", "Amy", "Lee", "2015-01-01", "2026-01-05", "parent"]) for n in range(20)
    )
    path = tmp_path / "rows.csv"
    path.write_text(",".join(HEADINGS) + "\n" + rows + "\n")
    assert "more than 10 rows" in import_plans(path, dry_run=True).file_error
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join([*NAMES, *(f"extra{n}" for n in range(readers.MAX_COLUMNS))]) + "\n")
    assert f"more than {readers.MAX_COLUMNS} columns" in import_plans(wide, dry_run=True).file_error


@pytest.mark.parametrize("kind", BAD_WORKBOOKS)
def test_the_upload_page_explains_and_keeps_nothing_on_disk(staff_client, kind):
    make, _words = BAD_WORKBOOKS[kind]
    response = staff_client.post(
        reverse("portal_staff:import"), {"file": SimpleUploadedFile("plans.xlsx", make())}
    )
    assert response.status_code == 200
    assert "The file was not imported: " in response.content.decode()
    storage = storages["private"]
    try:
        _dirs, files = storage.listdir("imports")
    except FileNotFoundError:
        files = []
    assert files == []
