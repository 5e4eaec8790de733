"""Crisis and safeguarding concerns in what families write: found (``detector``), answered
(``replies``, with the council's numbers from ``contacts``) and flagged for staff (``flags``)."""
