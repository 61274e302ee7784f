"""Word lists the synthetic benchmark documents are made of (English with the seed's names, Russian)."""

EN = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
    "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her", "she",
    "there", "been", "one", "all", "we", "their", "Wrangel", "Budyonny", "Lvov", "front", "cavalry",
]
RU = [
    "и", "в", "не", "на", "что", "он", "с", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты", "к", "у",
    "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было", "вот", "от",
]
