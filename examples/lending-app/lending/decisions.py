"""The lending rules as the application applies them when it decides an application.

The rules are those of rules/lending.seed (ELIG-001, ELIG-002, CO-003); the test data obeys
them, so every application in a seeded database is one the application must accept.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ADULT_AGE = 18
MAX_HOME_LTV = Decimal("0.95")
STUDENT_AGE_LIMIT = 35  # student loans go to applicants *under* 35


@dataclass(frozen=True)
class Customer:
    id: int
    birth_date: date
    income: Decimal
    segment: str


@dataclass(frozen=True)
class Loan:
    id: int
    customer_id: int
    product: str
    amount: Decimal
    ltv: Decimal
    status: str
    disbursed: date | None


@dataclass
class Decision:
    approved: bool
    reasons: list[str] = field(default_factory=list)


def age_on(birth_date: date, day: date) -> int:
    """The applicant's age on `day`, in whole years.

    THE DEFECT this example exists for: the age is the difference of the calendar years, so an
    applicant whose birthday is still to come this year is counted a year older than they are.
    A 34-year-old born in November is 35 on 1 January, and a 17-year-old born in December is 18.
    Random test data rarely has a student borrower of exactly 34; the EDGE-AGE scenario of
    dataset version 2 puts three there.
    """
    return day.year - birth_date.year


def customer_reasons(customer: Customer, as_of: date) -> list[str]:
    """Why this customer may not borrow at all (ELIG-001); empty when they may."""
    age = age_on(customer.birth_date, as_of)
    if age < ADULT_AGE:
        return [f"ELIG-001: borrower is {age}, under {ADULT_AGE}"]
    return []


def loan_reasons(customer: Customer, loan: Loan, as_of: date) -> list[str]:
    """Why this loan may not be granted to this customer (ELIG-002, CO-003); empty when it may."""
    reasons = []
    if loan.product == "home" and loan.ltv > MAX_HOME_LTV:
        reasons.append(f"ELIG-002: home loan LTV {loan.ltv} over {MAX_HOME_LTV}")
    if loan.product == "student":
        age = age_on(customer.birth_date, as_of)
        if age >= STUDENT_AGE_LIMIT:
            reasons.append(f"CO-003: student loan applicant is {age}, not under {STUDENT_AGE_LIMIT}")
    return reasons


def assess(customer: Customer, loan: Loan, as_of: date) -> Decision:
    """The decision on one application: approved when no rule stands against it."""
    reasons = customer_reasons(customer, as_of) + loan_reasons(customer, loan, as_of)
    return Decision(approved=not reasons, reasons=reasons)


def validate_application(customer: Customer, loan: Loan, as_of: date) -> list[str]:
    """What the intake form rejects an application for.

    It does not look at `status` and `disbursed` together (IMP-004: a declined loan is never
    disbursed): intake trusts the servicing system for that, which is the gap the negative data
    shows.
    """
    return assess(customer, loan, as_of).reasons


def disbursed_total(loans: list[Loan]) -> dict[str, Decimal]:
    """Money paid out per product: every loan with a disbursement date, declined ones excluded."""
    totals: dict[str, Decimal] = {}
    for loan in loans:
        if loan.disbursed is not None and loan.status != "declined":
            totals[loan.product] = totals.get(loan.product, Decimal("0")) + loan.amount
    return totals
