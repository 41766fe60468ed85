"""What the demo's citizens write on each procedure's form, and the request it becomes.

The values are what the intake window would hold once the clerk has typed them (a person
block holds only the parts its form asks; a parent who is the requester is the requester
copied, as the window's «Chép từ người nộp» does). They become the request through the
window's own mapping (``desk.forms.form_output``) after the window's own checks
(``validate_person`` on the applicant, ``validate_values`` on the form): a demo dossier the
window would refuse is a bug here, and stops the demo.

The draws here come from each chunk's second random stream, so the main stream (which
procedure, when, who, which statuses) draws what it always drew.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desk.domain.catalogue import Procedure
from desk.domain.dossier import IntakeRequest, Person, ReceivedDocument
from desk.domain.identity import Sex
from desk.domain.text import fold
from desk.errors import DeskError
from desk.forms import (
    APPLICANT,
    FieldSpec,
    FormDefinition,
    form_output,
    validate_person,
    validate_values,
    values_of_person,
)
from desk.services.demo.data import (
    BIRTH_PLACES,
    CERTIFIED_DOCUMENTS,
    CIVIL_STATUS_PLACE,
    DEATH_PLACES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HOME_TOWN,
)

Rand = Callable[[], float]
# adult(rand, today ordinal, person number, sex=…, min_age=…, max_age=…): the generator's
AdultMaker = Callable[..., Person]

BIRTH = "1.001193"
NEVER_MARRIED = "Chưa đăng ký kết hôn với ai"
DIVORCED = "Đã đăng ký kết hôn, đã ly hôn"


def family_of(name: str) -> str:
    return name.split(" ", 1)[0]


def with_family(name: str, family: str) -> str:
    """``name`` with ``family`` as its family name (the first word)."""
    return f"{family} {name.split(' ', 1)[1]}"


def age_on(today: int, person: Person) -> int:
    assert person.birth_date is not None
    return (today - person.birth_date.toordinal()) // 365


def id_paper(person: Person) -> str:
    """The kind of chip card: «Thẻ căn cước» from 1/7/2024 (Law on Identity 2023)."""
    issued = person.id_issue_date
    if issued is not None and issued >= date(2024, 7, 1):
        return "Thẻ căn cước"
    return "Thẻ căn cước công dân"


def birth_relation(more: Rand, applicant: Person, today: int) -> str:
    """Who brings the child: the parent of the applicant's sex when of parenting age,
    else a grandparent."""
    age = age_on(today, applicant)
    if applicant.sex is Sex.MALE:
        return "Cha" if age <= 50 else ("Ông nội" if more() < 0.6 else "Ông ngoại")
    return "Mẹ" if age <= 42 else ("Bà nội" if more() < 0.6 else "Bà ngoại")


def other_parent(relation: str, applicant: Person, today: int) -> tuple[Sex, int, int]:
    """(sex, youngest, oldest age) of the parent the main stream draws: the mother unless
    the mother herself is the requester; under a grandparent, a generation younger."""
    if relation == "Mẹ":
        return Sex.MALE, 20, 50
    if relation == "Cha":
        return Sex.FEMALE, 19, 40
    return Sex.FEMALE, 19, max(20, min(40, age_on(today, applicant) - 20))


def _day(ordinal: int) -> date:
    return date.fromordinal(ordinal)


class FormFiller:
    """Fills each procedure's form for a generated dossier, and makes the request."""

    def __init__(
        self, forms: Mapping[str, FormDefinition], adult: AdultMaker, *, check_every: int = 1
    ):
        self.forms = forms  # by procedure code
        self.adult = adult
        # The window's checks cost more than making the request. The services' path checks
        # every request; the million-dossier bulk path, which a test proves writes the same
        # rows, checks a sample (the first request and one in ``check_every``).
        self.check_every = max(1, check_every)
        self._made = 0

    def block(self, form: FormDefinition, key: str, person: Person) -> dict[str, Any]:
        """A person as the window's block for ``key`` holds it: only the parts it asks."""
        spec = form.field(key)
        assert isinstance(spec, FieldSpec)
        values = values_of_person(person)
        return {part.key: values[part.key] for part in spec.person if part.key in values}

    # --- the request --------------------------------------------------------------------

    def request(
        self,
        procedure: Procedure,
        applicant: Person,
        values: dict[str, Any],
        today: date,
        documents: Callable[[int], tuple[ReceivedDocument, ...]],
    ) -> IntakeRequest:
        """The request the window makes of these values, after the window's checks."""
        form = self.forms[procedure.code]
        read: dict[str, Any] | None = None
        if self._made % self.check_every == 0:
            problems = validate_person(APPLICANT, values_of_person(applicant), today=today)
            read = {}
            problems += validate_values(form, values, today=today, read=read)
            errors = [f"{p.key}: {p.message}" for p in problems if p.is_error]
            if errors:
                raise DeskError(
                    f"Hồ sơ mẫu ({procedure.code}) không qua được kiểm tra của màn hình tiếp "
                    "nhận: " + "; ".join(errors),
                    code="demo.invalid",
                )
        self._made += 1
        output = form_output(form, values, today=today, read=read)
        copies = output.request.get("copies", 1)
        return IntakeRequest(
            procedure_code=procedure.code,
            applicant=applicant,
            documents=list(documents(copies)),
            parties=output.parties,
            form_data=output.form_data,
            copies=copies,
            pages=output.request.get("pages", 0),
            late=output.late,
        )

    # --- each procedure -----------------------------------------------------------------

    def birth(
        self,
        more: Rand,
        n: int,
        today: int,
        applicant: Person,
        relation: str,
        other: Person,
        child_name: str,
        child_sex: Sex,
        child_birth: date,
    ) -> dict[str, Any]:
        """Birth registration: ``other`` is the parent the main stream drew (the father
        when the mother declares, else the mother)."""
        form = self.forms[BIRTH]
        mother: Person | None = None
        father: Person | None = None
        if relation == "Cha":
            father, mother = applicant, other
        elif relation == "Mẹ":
            mother, father = applicant, other
            if more() < 0.05:
                father = None  # father not declared: the child takes the mother's name
        else:
            mother = other
            father = self.adult(
                more, today, 2 * n + 1, sex=Sex.MALE, min_age=age_on(today, mother), max_age=45
            )
            if relation == "Ông nội":
                father.full_name = with_family(father.full_name, family_of(applicant.full_name))
            elif relation == "Ông ngoại":
                mother.full_name = with_family(mother.full_name, family_of(applicant.full_name))
        parent_family = family_of((father or mother or applicant).full_name)
        if father is not None and more() < 0.05:
            parent_family = family_of(mother.full_name)
        values: dict[str, Any] = {
            "relation_to_child": relation,
            "requester_id_type": id_paper(applicant),
            "child": {
                "full_name": with_family(child_name, parent_family),
                "birth_date": child_birth,
                "sex": child_sex.value,
            },
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "child_birth_place": BIRTH_PLACES[int(more() * len(BIRTH_PLACES))],
            "home_town": HOME_TOWN,
            "extract_copies": 1,
        }
        for key, parent in (("mother", mother), ("father", father)):
            if parent is None:
                continue
            values[key] = self.block(form, key, parent)
            values[f"{key}_ethnicity"] = "Kinh"
            values[f"{key}_nationality"] = "Việt Nam"
        if father is not None and mother is not None and more() < 0.8:
            # Married before the child was born, after the mother came of age.
            assert mother.birth_date is not None
            earliest = max(mother.birth_date.toordinal() + 18 * 365, today - 12 * 365)
            married = _day(earliest + int(more() * (child_birth.toordinal() - earliest)))
            values["marriage_registration.number"] = str(1 + int(more() * 60))
            values["marriage_registration.book"] = f"01/{married.year}"
            values["marriage_registration.date"] = married
            values["marriage_registration.place"] = CIVIL_STATUS_PLACE
        return values

    def certified_copy(self, more: Rand, today: int, copies: int, pages: int) -> dict[str, Any]:
        name, issuer = CERTIFIED_DOCUMENTS[int(more() * len(CERTIFIED_DOCUMENTS))]
        return {
            "document_name": name,
            "document_issuer": issuer,
            "document_date": _day(today - 30 - int(more() * 3000)),
            "pages": pages,
            "copies": copies,
        }

    def extract_copy(
        self, more: Rand, today: int, applicant: Person, copies: int
    ) -> dict[str, Any]:
        form = self.forms["2.000635"]
        born = applicant.birth_date
        assert born is not None
        if age_on(today, applicant) >= 22 and more() < 0.3:
            record_type = "Kết hôn"
            recorded = (
                born.toordinal() + 20 * 365 + int(more() * (today - born.toordinal() - 20 * 365))
            )
        else:
            record_type = "Khai sinh"
            recorded = born.toordinal() + 1 + int(more() * 58)
        return {
            "relation_to_subject": "Bản thân",
            "subject": self.block(form, "subject", applicant),
            "record_type": record_type,
            **self._record("record", more, min(recorded, today)),
            "copies": copies,
        }

    def _record(self, key: str, more: Rand, recorded: int) -> dict[str, Any]:
        day = _day(recorded)
        return {
            f"{key}.number": str(1 + int(more() * 200)),
            f"{key}.book": f"01/{day.year}",
            f"{key}.date": day,
            f"{key}.place": CIVIL_STATUS_PLACE,
        }

    def marital_status(self, more: Rand, n: int, today: int, applicant: Person) -> dict[str, Any]:
        form = self.forms["1.004873"]
        age = age_on(today, applicant)
        values: dict[str, Any] = {
            "relation_to_subject": "Bản thân",
            "subject": self.block(form, "subject", applicant),
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "residence_period": f"Từ năm {today_year(today) - min(age, 20)} đến nay",
            "copies": 1,
        }
        if age < 45 and more() < 0.6:
            spouse_sex = Sex.FEMALE if applicant.sex is Sex.MALE else Sex.MALE
            spouse = self.adult(more, today, 2 * n + 1, sex=spouse_sex, min_age=20, max_age=45)
            values["marital_status"] = NEVER_MARRIED if more() < 0.9 else DIVORCED
            values["purpose"] = "Để đăng ký kết hôn"
            values["intended_spouse"] = self.block(form, "intended_spouse", spouse)
            values["intended_spouse_nationality"] = "Việt Nam"
            values["marriage_place"] = CIVIL_STATUS_PLACE
            return values
        values["marital_status"] = (
            NEVER_MARRIED if age < 25 else ("Đang có vợ/chồng" if more() < 0.7 else DIVORCED)
        )
        values["purpose"] = (
            "Để vay vốn",
            "Để làm thủ tục mua bán, chuyển nhượng tài sản",
            "Để bổ sung hồ sơ",
        )[int(more() * 3)]
        return values

    def marriage(self, more: Rand, n: int, today: int, applicant: Person) -> dict[str, Any]:
        form = self.forms["1.000894"]
        other_sex = Sex.FEMALE if applicant.sex is Sex.MALE else Sex.MALE
        other = self.adult(more, today, 2 * n + 1, sex=other_sex, min_age=21, max_age=45)
        husband, wife = (applicant, other) if applicant.sex is Sex.MALE else (other, applicant)
        values: dict[str, Any] = {"extract_copies": 1}
        for key, person in (("wife", wife), ("husband", husband)):
            values[key] = self.block(form, key, person)
            values[f"{key}_ethnicity"] = "Kinh"
            values[f"{key}_nationality"] = "Việt Nam"
            values[f"{key}_marital_status"] = NEVER_MARRIED if more() < 0.9 else DIVORCED
        return values

    def death(self, more: Rand, n: int, today: int, applicant: Person) -> dict[str, Any]:
        form = self.forms["1.000656"]
        age = age_on(today, applicant)
        if age < 55:
            relation = "Con"
            sex = Sex.MALE if more() < 0.5 else Sex.FEMALE
            low, high = age + 20, min(100, age + 40)
        else:
            relation = "Vợ" if applicant.sex is Sex.FEMALE else "Chồng"
            sex = Sex.MALE if applicant.sex is Sex.FEMALE else Sex.FEMALE
            low, high = age, min(100, age + 6)
        deceased = self.adult(more, today, 2 * n + 1, sex=sex, min_age=low, max_age=high)
        died = today - int(more() * 14)
        place = DEATH_PLACES[int(more() * len(DEATH_PLACES))] or deceased.address
        return {
            "relation_to_deceased": relation,
            "deceased": self.block(form, "deceased", deceased),
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "death_date": _day(died),
            "death_time": f"{int(more() * 24):02d} giờ {int(more() * 60):02d} phút",
            "death_place": place,
            "death_notice.number": str(1 + int(more() * 300)),
            "death_notice.date": _day(min(today, died + int(more() * 2))),
            "death_notice.issuer": CIVIL_STATUS_PLACE
            if place == deceased.address
            else "Bệnh viện Đa khoa tỉnh Phú Thọ",
            "extract_copies": 1,
        }

    def correction(self, more: Rand, today: int, applicant: Person) -> dict[str, Any]:
        form = self.forms["1.004859"]
        born = applicant.birth_date
        assert born is not None
        values: dict[str, Any] = {
            "relation_to_subject": "Bản thân",
            "subject": self.block(form, "subject", applicant),
            "record_type": "Khai sinh",
            **self._record("record", more, min(today, born.toordinal() + 1 + int(more() * 58))),
            "extract_copies": 1,
        }
        kind = more()
        if kind < 0.4:
            values.update(
                change_kind="Bổ sung",
                changed_item="Quê quán",
                requested_value=HOME_TOWN,
                reason="Giấy khai sinh chưa ghi quê quán.",
            )
        elif kind < 0.8:
            values.update(
                change_kind="Cải chính",
                changed_item="Ngày, tháng, năm sinh",
                current_value=f"{_day(born.toordinal() + 1):%d/%m/%Y}",
                requested_value=f"{born:%d/%m/%Y}",
                reason="Sai sót khi ghi vào Sổ đăng ký khai sinh.",
            )
        else:
            given = applicant.full_name.rsplit(" ", 1)[-1]
            names = GIVEN_MALE if applicant.sex is Sex.MALE else GIVEN_FEMALE
            start = int(more() * len(names))
            # The window folds accents when it compares («Anh» is «Ánh»): a name that differs.
            new = next(name for name in names[start:] + names[:start] if fold(name) != fold(given))
            values.update(
                change_kind="Thay đổi",
                changed_item="Tên",
                current_value=given,
                requested_value=new,
                reason="Tên trùng với tên người thân trong gia đình.",
            )
        return values

    def reregistration(self, more: Rand, today: int, applicant: Person) -> dict[str, Any]:
        born = applicant.birth_date
        assert born is not None
        family = family_of(applicant.full_name)
        father_name = f"{family} Văn {GIVEN_MALE[int(more() * len(GIVEN_MALE))]}"
        mother_name = f"Nguyễn Thị {GIVEN_FEMALE[int(more() * len(GIVEN_FEMALE))]}"
        return {
            "relation_to_child": "Bản thân",
            "child": self.block(self.forms["1.004884"], "child", applicant),
            "ethnicity": "Kinh",
            "nationality": "Việt Nam",
            "child_birth_place": "Xã Yên Lạc, tỉnh Phú Thọ",
            "home_town": HOME_TOWN,
            "mother": {"full_name": mother_name, "birth_year": born.year - 20 - int(more() * 15)},
            "mother_ethnicity": "Kinh",
            "father": {"full_name": father_name, "birth_year": born.year - 22 - int(more() * 15)},
            "father_ethnicity": "Kinh",
            **self._record(
                "previous_registration", more, min(today, born.toordinal() + 1 + int(more() * 58))
            ),
            "extract_copies": 1,
        }

    def values(self, code: str, more: Rand, n: int, today: int, applicant: Person) -> dict:
        """The form of a procedure that draws nothing in the main stream."""
        if code == "1.004873":
            return self.marital_status(more, n, today, applicant)
        if code == "1.000894":
            return self.marriage(more, n, today, applicant)
        if code == "1.000656":
            return self.death(more, n, today, applicant)
        if code == "1.004859":
            return self.correction(more, today, applicant)
        if code == "1.004884":
            return self.reregistration(more, today, applicant)
        raise DeskError(f"Thủ tục {code} chưa có tờ khai mẫu.", code="demo.procedure")


def today_year(today: int) -> int:
    return date.fromordinal(today).year
