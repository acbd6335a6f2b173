#include "intents/normalizer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace kneebot::intents {
namespace {

bool IsAlpha(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }

// Latin-1 letters without their accents (U+00C0..U+00FF), lower case; '\0' drops.
constexpr char kLatin1[64] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i',
                              'i', 'i', 'i', 'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u',
                              'u', 'u', 'u', 'y', 0,   's', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
                              'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'd', 'n', 'o', 'o',
                              'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};

// Decodes UTF-8 and maps it onto lower-case ASCII: curly quotes and dashes to their
// ASCII forms, accented Latin letters to plain ones, anything else (emoji, CJK) to a
// space. Invalid bytes become spaces too; the text comes straight from the network.
std::string ToAscii(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      char a = static_cast<char>(std::tolower(c));
      out += (a == '\t' || a == '\r') ? ' ' : a;
      ++i;
      continue;
    }
    int len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > in.size()) {
      out += ' ';
      ++i;
      continue;
    }
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    bool valid = true;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(in[i + k]);
      if ((cc & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    i += valid ? len : 1;
    if (!valid) {
      out += ' ';
      continue;
    }
    switch (cp) {
      case 0x2018:
      case 0x2019:
      case 0x201B:
      case 0x02BC:
      case 0x2032:
      case 0x00B4:
        out += '\'';
        break;
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x2033:
        out += '"';
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2212:
        out += '-';
        break;
      case 0x2026:
        out += '.';
        break;
      default:
        if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '\0') {
          out += kLatin1[cp - 0xC0];
        } else {
          out += ' ';
        }
    }
  }
  return out;
}

// Whole words people type without their apostrophe, and chat shorthand.
constexpr std::array<std::pair<std::string_view, std::string_view>, 34> kShorthand = {{
    {"dont", "do not"},       {"didnt", "did not"},
    {"doesnt", "does not"},   {"cant", "can not"},
    {"cannot", "can not"},    {"wont", "will not"},
    {"isnt", "is not"},       {"wasnt", "was not"},
    {"arent", "are not"},     {"werent", "were not"},
    {"havent", "have not"},   {"hasnt", "has not"},
    {"hadnt", "had not"},     {"couldnt", "could not"},
    {"wouldnt", "would not"}, {"shouldnt", "should not"},
    {"aint", "is not"},       {"im", "i am"},
    {"ive", "i have"},        {"its", "it is"},
    {"thats", "that is"},     {"whats", "what is"},
    {"idk", "i do not know"}, {"u", "you"},
    {"ur", "your"},           {"pls", "please"},
    {"plz", "please"},        {"thx", "thanks"},
    {"dunno", "do not know"}, {"wanna", "want to"},
    {"gonna", "going to"},    {"kinda", "kind of"},
    {"sorta", "sort of"},     {"outta", "out of"},
}};

// Words spelt with a double letter that people stretch ("kneee", "sooo swolllen").
constexpr std::array<std::string_view, 44> kDoubled = {
    "knee",  "knees",    "kneecap", "kneecaps", "feel",     "feels",  "too",     "good",    "soon",
    "see",   "been",     "need",    "keep",     "week",     "weeks",  "sleep",   "feet",    "foot",
    "free",  "three",    "swollen", "swell",    "swelling", "fall",   "fell",    "falling", "well",
    "still", "all",      "really",  "pull",     "hurt",     "little", "killing", "sorry",   "stiff",
    "agree", "bleeding", "cool",    "hello",    "ball",     "hill",   "off",     "better"};

// Words before "'s" that make it "is" rather than a possessive.
constexpr std::array<std::string_view, 12> kIsBefore = {
    "it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "when", "why"};

class Builder {
 public:
  void Word(std::string_view w) {
    if (w.empty()) return;
    Append(w);
    last_punct_ = false;
  }
  // Clause punctuation. Consecutive marks collapse into the strongest ("?!" -> "?").
  void Punct(char p) {
    if (out_.empty()) return;  // nothing to end yet
    if (last_punct_) {
      char& prev = out_.back();
      if (Strength(p) > Strength(prev)) prev = p;
      return;
    }
    Append(std::string_view(&p, 1));
    last_punct_ = true;
  }
  void Reserve(size_t bytes) {
    out_.reserve(bytes + bytes / 4);
    tokens_.reserve(bytes / 4 + 1);
  }
  // The text and its tokens, recorded as they were appended (no second pass).
  NormalizedText Take() {
    NormalizedText t;
    t.text = std::move(out_);
    t.tokens = std::move(tokens_);
    return t;
  }

 private:
  static int Strength(char p) { return p == '?' ? 3 : p == '.' ? 2 : 1; }
  // `w` may be several words ("do not"): each becomes a token.
  void Append(std::string_view w) {
    size_t i = 0;
    while (i < w.size()) {
      size_t j = w.find(' ', i);
      if (j == std::string_view::npos) j = w.size();
      if (j > i) {
        if (!out_.empty()) out_ += ' ';
        const auto begin = static_cast<uint32_t>(out_.size());
        out_.append(w.substr(i, j - i));
        tokens_.push_back({begin, static_cast<uint32_t>(out_.size())});
      }
      i = j + 1;
    }
  }
  std::string out_;
  std::vector<Token> tokens_;
  bool last_punct_ = false;
};

// kShorthand sorted by the word, for a binary search: every word of every message
// goes through here.
const std::array<std::pair<std::string_view, std::string_view>, kShorthand.size()>& Sorted() {
  static const auto sorted = [] {
    auto s = kShorthand;
    std::sort(s.begin(), s.end());
    return s;
  }();
  return sorted;
}

void EmitPlainWord(std::string_view w, Builder* b) {
  if (w.size() <= 8) {
    const auto& table = Sorted();
    auto it = std::lower_bound(
        table.begin(), table.end(), w,
        [](const auto& entry, std::string_view key) { return entry.first < key; });
    if (it != table.end() && it->first == w) {
      b->Word(it->second);
      return;
    }
  }
  b->Word(w);
}

// One word: letters, digits and inner apostrophes, "." and "/" only between digits.
void EmitWord(std::string w, Builder* b) {
  // Squeeze letters repeated three or more times: "sooo" -> "so", "yesss" -> "yes",
  // but "kneee" -> "knee" and "sooo swolllen" -> "so swollen" for words spelt double.
  bool tripled = false;
  for (size_t i = 2; i < w.size() && !tripled; ++i) {
    tripled = w[i] == w[i - 1] && w[i] == w[i - 2] && IsAlpha(w[i]);
  }
  std::string once, twice;
  bool squeezed = false;
  for (size_t i = 0; tripled && i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    const bool run = IsAlpha(w[i]) && j - i >= 3;
    squeezed |= run;
    once.append(run ? 1 : j - i, w[i]);
    twice.append(run ? 2 : j - i, w[i]);
    i = j;
  }
  if (squeezed) {
    w = std::find(kDoubled.begin(), kDoubled.end(), twice) != kDoubled.end() ? twice : once;
  }

  // "45yo" -> "45 yo", "3wks" -> "3 wks": a number glued to its unit.
  if (IsDigit(w[0])) {
    size_t k = 0;
    while (k < w.size() && (IsDigit(w[k]) || w[k] == '.' || w[k] == '/')) ++k;
    if (k < w.size()) {
      b->Word(std::string_view(w).substr(0, k));
      w.erase(0, k);
      while (!w.empty() && !IsAlnum(w[0])) w.erase(0, 1);
      if (w.empty()) return;
    }
  }

  size_t apos = w.find('\'');
  if (apos != std::string::npos) {
    std::string_view sv(w);
    auto ends = [&](std::string_view suf) {
      return sv.size() > suf.size() && sv.substr(sv.size() - suf.size()) == suf;
    };
    if (ends("n't")) {
      std::string_view base = sv.substr(0, sv.size() - 3);
      if (base == "ca") base = "can";
      if (base == "wo") base = "will";
      if (base == "sha") base = "shall";
      if (base == "ai") base = "is";
      EmitPlainWord(base, b);
      b->Word("not");
      return;
    }
    static constexpr std::pair<std::string_view, std::string_view> kSuffix[] = {
        {"'m", "am"}, {"'re", "are"}, {"'ve", "have"}, {"'ll", "will"}, {"'d", "would"}};
    for (const auto& [suf, word] : kSuffix) {
      if (ends(suf)) {
        EmitPlainWord(sv.substr(0, sv.size() - suf.size()), b);
        b->Word(word);
        return;
      }
    }
    if (ends("'s")) {
      std::string_view base = sv.substr(0, sv.size() - 2);
      if (std::find(kIsBefore.begin(), kIsBefore.end(), base) != kIsBefore.end()) {
        b->Word(base);
        b->Word("is");
        return;
      }
      if (base == "let") {
        b->Word("let us");
        return;
      }
    }
    // A possessive or a stray apostrophe: drop it ("runner's" -> "runners").
    w.erase(std::remove(w.begin(), w.end(), '\''), w.end());
    if (w.empty()) return;
  }
  EmitPlainWord(w, b);
}

}  // namespace

bool NormalizedText::IsPunct(size_t i) const {
  std::string_view w = word(i);
  return w == "," || w == "." || w == "?";
}

void NormalizedText::TokenSpan(size_t begin, size_t end, size_t* first, size_t* last) const {
  auto f = std::partition_point(tokens.begin(), tokens.end(),
                                [&](const Token& t) { return t.end <= begin; });
  auto l = std::partition_point(f, tokens.end(), [&](const Token& t) { return t.begin < end; });
  *first = static_cast<size_t>(f - tokens.begin());
  *last = static_cast<size_t>(l - tokens.begin());
}

NormalizedText FromNormalized(std::string text) {
  NormalizedText t;
  t.text = std::move(text);
  size_t i = 0;
  while (i < t.text.size()) {
    size_t j = t.text.find(' ', i);
    if (j == std::string::npos) j = t.text.size();
    if (j > i) t.tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
    i = j + 1;
  }
  return t;
}

NormalizedText Normalize(std::string_view raw) {
  const std::string a = ToAscii(raw);
  Builder b;
  b.Reserve(a.size());
  std::string w;
  auto flush = [&] {
    if (!w.empty()) EmitWord(std::move(w), &b);
    w.clear();
  };
  auto at = [&](size_t i) { return i < a.size() ? a[i] : '\0'; };
  for (size_t i = 0; i < a.size(); ++i) {
    const char c = a[i];
    if (IsAlnum(c)) {
      w += c;
      continue;
    }
    const bool digit_before = !w.empty() && IsDigit(w.back());
    switch (c) {
      case '\'':
        if (!w.empty() && IsAlpha(at(i + 1))) {
          w += c;
        } else {
          flush();
        }
        break;
      case '.':
      case '/':
        if (digit_before && IsDigit(at(i + 1))) {
          w += c;
        } else {
          flush();
          if (c == '.') b.Punct('.');
        }
        break;
      case '-':
        flush();
        if (digit_before && IsDigit(at(i + 1))) b.Word("to");
        break;
      case ',':
        flush();
        b.Punct(',');
        break;
      case '?':
        flush();
        b.Punct('?');
        break;
      case '!':
      case ';':
      case '\n':
        flush();
        b.Punct('.');
        break;
      case '&':
        flush();
        b.Word("and");
        break;
      default:
        flush();
    }
  }
  flush();
  return b.Take();
}

}  // namespace kneebot::intents
