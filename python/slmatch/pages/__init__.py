"""Pages people read: the HTML report for scheme workers, an Easy Read page per person,
and the draft algorithmic transparency record.

Every sentence on a page comes from the engine (its rules, factors and explanations), so
the pages say nothing the engine does not, and nothing consent does not allow.
"""
