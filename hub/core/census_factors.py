"""The DfE's children in need census factor codes: the factors identified at the end of assessment.

One list for the two places that record them: the hub assessor's frameworks page
(hub/workspace) and an authority's own children in need assessments and census
return (hub/cin), which sit side by side in the layers and cannot import each other.
Plain Python, no Django.
"""

# The DfE's codes as used in the CIN census since 2018 to 2019 (when physical and
# sexual abuse were split into child-on-child "B" and adult-on-child "C" codes,
# and 22A, 23A and 24A were added). A, B and C on codes 1 to 6 say whose concern
# it is: A the child, B a parent or carer, C another person in the household.
# Code 3 was "domestic violence"; the census now calls it domestic abuse.
CIN_FACTORS: dict[str, str] = {
    "1A": "Alcohol misuse: concerns about the child",
    "1B": "Alcohol misuse: concerns about the parent or carer",
    "1C": "Alcohol misuse: concerns about another person living in the household",
    "2A": "Drug misuse: concerns about the child",
    "2B": "Drug misuse: concerns about the parent or carer",
    "2C": "Drug misuse: concerns about another person living in the household",
    "3A": "Domestic abuse: concerns about the child being the subject of domestic abuse",
    "3B": "Domestic abuse: concerns about the child's parent or carer being the subject of domestic abuse",
    "3C": "Domestic abuse: concerns about another person in the household being the subject of domestic abuse",
    "4A": "Mental health: concerns about the child",
    "4B": "Mental health: concerns about the parent or carer",
    "4C": "Mental health: concerns about another person living in the household",
    "5A": "Learning disability: concerns about the child",
    "5B": "Learning disability: concerns about the parent or carer",
    "5C": "Learning disability: concerns about another person living in the household",
    "6A": "Physical disability or illness: concerns about the child",
    "6B": "Physical disability or illness: concerns about the parent or carer",
    "6C": "Physical disability or illness: concerns about another person living in the household",
    "7A": "Young carer",
    "8B": "Privately fostered: overseas children who intend to return home",
    "8C": "Privately fostered: overseas children who intend to stay",
    "8D": "Privately fostered: UK children in educational placements",
    "8E": "Privately fostered: UK children making alternative family arrangements",
    "8F": "Privately fostered: other",
    "9A": "Unaccompanied asylum-seeking child (UASC)",
    "10A": "Missing",
    "11A": "Child sexual exploitation",
    "12A": "Trafficking",
    "13A": "Gangs",
    "14A": "Socially unacceptable behaviour",
    "15A": "Self-harm",
    "16A": "Abuse or neglect: neglect",
    "17A": "Abuse or neglect: emotional abuse",
    "18B": "Abuse or neglect: physical abuse, child on child",
    "18C": "Abuse or neglect: physical abuse, adult on child",
    "19B": "Abuse or neglect: sexual abuse, child on child",
    "19C": "Abuse or neglect: sexual abuse, adult on child",
    "20": "Female genital mutilation",
    "21": "No factors identified",
    "22A": "Abuse linked to faith or belief",
    "23A": "Child criminal exploitation",
    "24A": "Other",
}
NO_FACTORS = "21"


def factor_sort_key(code: str) -> tuple[int, str]:
    """1A, 2B, 10A, 21: by the number first, then the letter."""
    return int("".join(ch for ch in code if ch.isdigit())), code
