"""Reading names, email addresses and UK phone numbers typed into the chat."""

import pytest

from actions.contact_details import ContactDetailsValidation, email_address, person_name, phone_number
from actions.formatting import long_date


@pytest.mark.parametrize(
    ("text", "email", "phone"),
    [
        ("sam@example.com", "sam@example.com", None),
        ("Email me at Sam.Jones+send@Example.co.uk please.", "sam.jones+send@example.co.uk", None),
        ("07700 900123", None, "07700 900123"),
        ("ring 01234 567890 after 3", None, "01234 567890"),
        ("+44 7700 900123", None, "+44 7700 900123"),
        ("(01234) 567-890", None, "(01234) 567-890"),
        ("sam@example.com or 07700900123", "sam@example.com", "07700900123"),
        ("my number is 12345", None, None),
        ("0770090012345678", None, None),
        ("not an email@", None, None),
    ],
)
def test_contact_details(text, email, phone):
    assert (email_address(text), phone_number(text)) == (email, phone)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sam Jones", "Sam Jones"),
        ("my name is Siobhán O'Brien-Smith.", "Siobhán O'Brien-Smith"),
        ("I'm Jo", "Jo"),
        ("J", None),
        ("sam@example.com", None),
        ("07700 900123", None),
        ("/affirm", None),
        ("x" * 101, None),
    ],
)
def test_names(text, name):
    assert person_name(text) == name


def test_validation_reads_both_out_of_one_answer(dispatcher):
    answer = "sam@example.com / 07700 900123"
    result = ContactDetailsValidation().validate_contact_details(answer, dispatcher, None, {})
    assert result == {
        "contact_details": "sam@example.com and 07700 900123",
        "contact_email": "sam@example.com",
        "contact_phone": "07700 900123",
    }
    assert dispatcher.messages == []


def test_validation_explains_what_it_needs(dispatcher):
    result = ContactDetailsValidation().validate_contact_details("call me", dispatcher, None, {})
    assert result["contact_details"] is None
    assert "email address" in dispatcher.messages[0]["text"]


def test_dates_are_written_the_gov_uk_way():
    assert long_date("2026-12-04") == "4 December 2026"
    assert long_date("2027-03-01T00:00:00") == "1 March 2027"
    assert long_date("soon") == "soon"
    assert long_date(None) == ""
