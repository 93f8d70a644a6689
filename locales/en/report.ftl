# Cover, metadata and interface of the English edition.

language-name = English
language-switcher = Languages

-acet = Spanish Cuban Association in Transition
-cfc = Center for a Free Cuba

report-title = Cuba, Putin’s preferred ally
report-subtitle = How Havana has backed Moscow since the invasion of Ukraine: votes, soldiers, espionage and oil
report-author = { -acet } and { -cfc }
report-keywords = Cuba, Russia, Ukraine, United Nations, recruitment, Havana syndrome, oil
report-description = A summary of the report “Cuba, Putin’s preferred ally” on the alliance between Cuba and Russia.
report-short-title = Cuba and Russia
cover-kicker = Report
cover-based-on = A summary of the report by the { -acet } and the { -cfc }
cover-date = Published { DATETIME($date, dateStyle: "long") }
contents = Contents
page-label = Page
sources = Sources
timeline-caption = Cuba’s votes at the United Nations, 2022
timeline-date = Date
timeline-vote = Vote
votes-figure-caption = The three votes of 2022 on a timeline (ISO dates)
votes-figure-alt = A 2022 timeline with three points: February 28, March 2 and September 15.
