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
votes-chart-caption = The three votes of 2022 over time
votes-chart-alt = A 2022 timeline: Cuba votes against in the Human Rights Council on February 28, abstains in the General Assembly on March 2 and votes against Zelensky’s address on September 15.
votes-chart-hrc = Against the urgent debate (Human Rights Council)
votes-chart-unga = Abstains on condemning the invasion
votes-chart-zelensky = Against Zelensky’s address
recruits-chart-caption = Cubans fighting for Russia: the estimated range
recruits-chart-alt = A range on a scale from 0 to 3,000 fighters: the estimate runs from 400 to 3,000.
recruits-chart-source = Source: The Wall Street Journal, as cited in the report.
recruits-chart-estimate = Estimate
recruits-chart-axis = Fighters
