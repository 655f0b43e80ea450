"""The chronology miner: sentences out of PDF text, what counts as an event, pages and order."""

from hub.bundles.miner import MinedEvent, mine_pages, mine_text, split_sentences


def test_full_stops_after_bundle_abbreviations_do_not_end_a_sentence():
    text = (
        "Mr. Pask and Mrs. Quill met Dr. Nwosu under s. 31 on approx. 3 occasions, e.g. at No. 4 Elm Row. "
        "Sgt. Marlow (d.o.b. 12.08.1989) saw J. Smith, i.e. the uncle. See para. 12 of the order. It ended."
    )
    assert split_sentences(text) == [
        "Mr. Pask and Mrs. Quill met Dr. Nwosu under s. 31 on approx. 3 occasions, e.g. at No. 4 Elm Row.",
        "Sgt. Marlow (d.o.b. 12.08.1989) saw J. Smith, i.e. the uncle.",
        "See para. 12 of the order.",
        "It ended.",
    ]


def test_lines_broken_by_the_pdf_are_joined_and_headings_stand_alone():
    text = (
        "REPORT OF THE SOCIAL WORKER\r\n"
        "Police attended at 03:00 on\r\n"
        "14/05/2022 after Mr Pask threatened to kill him-\r\n"
        "self. He was taken to hospital.\r\n"
    )
    assert split_sentences(text) == [
        "REPORT OF THE SOCIAL WORKER",
        "Police attended at 03:00 on 14/05/2022 after Mr Pask threatened to kill himself.",
        "He was taken to hospital.",
    ]


def test_bullets_and_chronology_rows_are_sentences_of_their_own():
    text = (
        "CHRONOLOGY\n"
        "12/03/2023 \u2013 Police attended the home following a\n"
        "report of domestic abuse\n"
        "14/03/2023 \u2013 Strategy discussion\n"
        "• 5/1/24 GP appointment missed\n"
        "2. Home visit on 19/1/24 by SW\n"
    )
    assert split_sentences(text) == [
        "CHRONOLOGY",
        "12/03/2023 \u2013 Police attended the home following a report of domestic abuse",
        "14/03/2023 \u2013 Strategy discussion",
        "5/1/24 GP appointment missed",
        "Home visit on 19/1/24 by SW",
    ]


def test_a_sentence_needs_two_words_beside_its_dates_to_be_an_event():
    events = mine_text(
        "Date: 12/03/2023\nDate of birth: 04/05/2015\nDated 12 March 2023\nPrinted on 12/03/2023 at 09:14\n\n"
        "19/04/2023 Home visit.\n\nChild protection review conference: 30 June 2023\n"
    )
    assert [(e.sentence, e.date) for e in events] == [
        ("19/04/2023 Home visit.", "2023-04-19"),
        ("Child protection review conference: 30 June 2023", "2023-06-30"),
    ]


def test_each_date_of_an_event_sentence_is_an_event_once():
    [first, second] = mine_text("Seen on 12 March 2023 and again on 12/03/2023 and on 14 March 2023.")
    assert (first.date, second.date) == ("2023-03-12", "2023-03-14")
    assert first.sentence == second.sentence


def test_a_form_feed_starts_a_new_page_numbered_from_one():
    events = mine_text("Police attended on 12 March 2023.\fNothing dated.\f\fIn Sept 2020 the family moved.")
    assert events == [
        MinedEvent(1, "Police attended on 12 March 2023.", "2023-03-12", "day", None),
        MinedEvent(4, "In Sept 2020 the family moved.", "2020-09", "month", None),
    ]


def test_pages_keep_the_numbers_the_caller_gives():
    events = mine_pages([(7, "Contact took place between 2 and 19 July 2020."), (9, "Children Act 1989")])
    assert events == [
        MinedEvent(7, "Contact took place between 2 and 19 July 2020.", "2020-07-02", "day", "2020-07-19")
    ]


def test_a_text_with_no_dated_event_gives_nothing():
    assert mine_text("") == []
    assert mine_text("Under s.31 Children Act 1989 the court, at 14:30, heard Case No. LV23C01234.") == []


def test_events_sort_earliest_day_first_with_a_month_or_year_at_its_first_day():
    events = mine_text(
        "Police attended on 12 March 2023.\nThe family moved in 2023 to Wirral.\n"
        "Lily was unsettled in March 2023 at school.\nLily was seen on 1 March 2023 at school.\n"
    )
    ordered = [e.date for e in sorted(events, key=lambda e: e.sort_key)]
    assert ordered == ["2023", "2023-03-01", "2023-03", "2023-03-12"]


def test_a_running_header_or_footer_is_kept_once():
    footer = "Statement of Ms Adeyemi dated 20 February 2023"
    pages = [(n, f"Lily was seen at school on {n} May 2023.\n\n{footer}") for n in range(1, 5)]
    events = mine_pages(pages)
    assert [(e.page, e.date) for e in events if e.sentence == footer] == [(1, "2023-02-20")]
    assert len(events) == 5
    # Twice is not yet a footer: both are kept, each with its page.
    assert [e.page for e in mine_pages(pages[:2]) if e.sentence == footer] == [1, 2]
