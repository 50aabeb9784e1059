"""Officer replies that a phone cannot carry as typed (shared by the channel tests)."""

HOSTILE = [
    "Tumeshughulikia – tafadhali ‘subiri’ “kidogo”… asante 🙏🏽👍",
    ("Tatizo la umeme katika eneo lako limeshughulikiwa na mafundi wetu wa TANESCO; " * 8)[:500],
    "{[€]}^~|\\ " * 30,
    "Karibu\u00a0sana\tMzee\nJibu: café – naïve 中文 🇹🇿 ﬁnal",
    "😀" * 300,
    "€" * 200,
]
