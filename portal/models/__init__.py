from .assessments import AdviceRequest, ClockException
from .audit import AuditEntry
from .children import Child, Setting
from .complaints import Complaint
from .documents import Document
from .links import LinkAttempt, LinkCode, ParentLink, Relationship
from .outcomes import Outcome, OutcomeProgress
from .plans import EHCPlan
from .references import ReferenceCounter
from .reviews import AnnualReview, EarlyReviewRequest
from .safeguarding import SafeguardingFlag, SafetyContacts
from .users import User

__all__ = [
    "AdviceRequest",
    "AnnualReview",
    "AuditEntry",
    "Child",
    "ClockException",
    "Complaint",
    "Document",
    "EHCPlan",
    "EarlyReviewRequest",
    "LinkAttempt",
    "LinkCode",
    "Outcome",
    "OutcomeProgress",
    "ParentLink",
    "ReferenceCounter",
    "Relationship",
    "SafeguardingFlag",
    "SafetyContacts",
    "Setting",
    "User",
]
