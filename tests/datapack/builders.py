"""A small synthetic SSDA903 return whose figures were worked out by hand (tests only; every child invented).

Liverpool (DfE 341), collection year 2025 (1 April 2024 to 31 March 2025):

- A1 born 31/03/2020 (5 on 31 March 2025: the 5 to 9 band), foster U3 then, from
  01/06/2024 (RNE P: a move), P1 on a care order C2, open: spans 31 March.
- A2 born 01/04/2020 (still 4 on 31 March 2025: the 1 to 4 band), P1 since
  10/01/2023, legal status changed (RNE L) to C2 on 20/05/2023 in the same
  placement: 2 years 2 months in the placement, no moves.
- A3 P1 (V2) from 01/09/2024, ended ON 31/03/2025 (E8): not looked after at 31
  March; one P1 episode ended in the year, E8.
- A4 foster U6 (V2) since 15/03/2024, open: looked after, not with parents.
- A5 foster, then P1 from 01/07/2024 to 01/12/2024 (ended X1), then foster U4,
  open: looked after, not with parents; one P1 episode ended in the year, X1.
- A6 born 01/01/2024 (1), two moves in the year (01/08/2024 and 01/02/2025), P1
  on an interim care order C1 since 01/02/2025 (under 6 months).
- A7 on short breaks (V3), open: left out of the 31 March count.

Looked after at 31 March: A1, A2, A4, A5, A6 = 5. Placed with parents: A1, A2, A6 = 3.
"""

import io

from hub.datapack.services import Upload

HEADER = """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
A1,1,31/03/2020,WBRI,UN1,,
A2,2,01/04/2020,WBRI,UN1,,
A3,1,12/07/2016,MWBC,UN2,,
A4,2,10/10/2010,WBRI,UN1,,
A5,1,05/05/2012,BCRB,UN1,,
A6,2,01/01/2024,WBRI,UN1,,
A7,1,03/03/2014,WBRI,UN1,,
"""
EPISODES = """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
A1,01/02/2023,S,C1,N1,U3,PR1,01/06/2024,X1,,L1 1AA,L2 2BB,
A1,01/06/2024,P,C2,N1,P1,PR0,,,,L1 1AA,L1 1AA,
A2,10/01/2023,S,C1,N1,P1,PR0,20/05/2023,X1,,L3 3CC,L3 3CC,
A2,20/05/2023,L,C2,N1,P1,PR0,,,,L3 3CC,L3 3CC,
A3,01/09/2024,S,V2,N2,P1,PR0,31/03/2025,E8,,L4 4DD,L4 4DD,
A4,15/03/2024,S,V2,N4,U6,PR1,,,,L5 5EE,L6 6FF,
A5,01/05/2024,S,C1,N1,U6,PR1,01/07/2024,X1,,L7 7GG,L8 8HH,
A5,01/07/2024,T,C2,N1,P1,PR0,01/12/2024,X1,,L7 7GG,L7 7GG,
A5,01/12/2024,P,C2,N1,U4,PR1,,,CARPL,L7 7GG,L9 9JJ,
A6,01/02/2024,S,C1,N1,U6,PR1,01/08/2024,X1,,L1 2AB,L2 3CD,
A6,01/08/2024,P,C1,N1,U6,PR1,01/02/2025,X1,CARPL,L1 2AB,L2 4EF,
A6,01/02/2025,P,C1,N1,P1,PR0,,,,L1 2AB,L1 2AB,
A7,01/03/2025,S,V3,N1,R1,PR1,,,,L5 6GH,L5 7JK,
"""
UASC = "CHILD,SEX,DOB,DUC\n"
REVIEWS = """CHILD,DOB,REVIEW,REVIEW_CODE
A1,31/03/2020,01/10/2024,PN1
A2,01/04/2020,15/11/2024,PN0
"""
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END\nA4,10/10/2010,M,02/02/2025,03/02/2025\n"


def uploads(**files: str) -> list[Upload]:
    """Uploads named after their keyword (header=..., episodes=...) as the authority would send them."""
    return [Upload(name=f"{name}.csv", stream=io.BytesIO(text.encode())) for name, text in files.items()]


def standard_set(**replace: str) -> list[Upload]:
    files = {"header": HEADER, "episodes": EPISODES, "reviews": REVIEWS, "missing": MISSING, "uasc": UASC}
    files.update(replace)
    return uploads(**files)
