#include "intents/intent_matcher.h"

#include <algorithm>

#include "intents/data_loader.h"
#include "intents/lexicon.h"
#include "intents/phrase_expander.h"

namespace kneebot::intents {

using nlohmann::json;

namespace {
// A pattern standing for more plain phrases than this stays a regex.
constexpr size_t kMaxPlainPhrases = 512;
}  // namespace

IntentMatcher::IntentMatcher(WordIndex* index)
    : index_(index), set_(std::make_unique<RE2::Set>(PatternOptions(), RE2::ANCHOR_START)) {}

int IntentMatcher::Index(std::string_view id) const {
  auto it = std::find(ids_.begin(), ids_.end(), id);
  return it == ids_.end() ? -1 : static_cast<int>(it - ids_.begin());
}

void AddPatternWords(std::string_view pattern, std::vector<std::string>* out) {
  size_t i = 0;
  while (i < pattern.size()) {
    // Skip escapes such as \b and \w: their letter is not part of a word.
    if (pattern[i] == '\\') {
      i += 2;
      continue;
    }
    size_t j = i;
    while (j < pattern.size() && pattern[j] >= 'a' && pattern[j] <= 'z') ++j;
    if (j - i >= 3) out->emplace_back(pattern.substr(i, j - i));
    i = j > i ? j : i + 1;
  }
}

std::vector<std::string> IntentMatcher::KeywordWords() const {
  std::vector<std::string> out;
  for (const auto& words : keyword_words_) out.insert(out.end(), words.begin(), words.end());
  return out;
}

Status IntentMatcher::Load(const json& doc, WordIndex* index, std::unique_ptr<IntentMatcher>* out) {
  const DataError err{"intents.json"};
  Status s = CheckObject(err, doc, "", {"schema", "intents"}, {"comment"});
  if (!s.ok()) return s;
  const json& intents = doc["intents"];
  if (!intents.is_array() || intents.empty()) {
    return err.At("/intents", "must be a non-empty array");
  }
  std::unique_ptr<IntentMatcher> m(new IntentMatcher(index));
  for (size_t i = 0; i < intents.size(); ++i) {
    const std::string p = Child("/intents", i);
    s = CheckObject(err, intents[i], p, {"id", "patterns", "keywords"}, {"comment"});
    if (!s.ok()) return s;
    std::string id;
    if (!(s = ReadString(err, intents[i]["id"], p + "/id", &id)).ok()) return s;
    if (!std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; })) {
      return err.At(p + "/id", "'" + id + "' must be lower case letters and _");
    }
    if (m->Index(id) >= 0) return err.At(p + "/id", "duplicate intent '" + id + "'");
    const int intent = static_cast<int>(m->ids_.size());
    m->ids_.push_back(id);

    std::vector<std::string> patterns;
    if (!(s = ReadStrings(err, intents[i]["patterns"], p + "/patterns", &patterns)).ok()) return s;
    for (size_t k = 0; k < patterns.size(); ++k) {
      auto re = std::make_unique<RE2>(patterns[k], PatternOptions());
      if (!re->ok()) return err.At(Child(p + "/patterns", k), re->error());
      AddPatternWords(patterns[k], &m->pattern_words_);
      // "\b(...)\b" standing for a few hundred plain phrases at most is looked up token
      // by token, not run through RE2.
      std::vector<std::string> phrases;
      const std::string_view pk = patterns[k];
      if (pk.size() > 4 && pk.substr(0, 2) == "\\b" && pk.substr(pk.size() - 2) == "\\b" &&
          ExpandPhrases(pk.substr(2, pk.size() - 4), kMaxPlainPhrases, &phrases)) {
        const int id = static_cast<int>(m->plain_intent_.size());
        m->plain_intent_.push_back(intent);
        for (const std::string& phrase : phrases) m->plain_.Add(index, SplitWords(phrase), id);
        continue;
      }
      std::string error;
      if (m->set_->Add(patterns[k], &error) < 0) return err.At(Child(p + "/patterns", k), error);
      m->patterns_.push_back({intent, std::move(re)});
      m->sources_.push_back(patterns[k]);
    }

    std::vector<std::string> keywords;
    if (!(s = ReadStrings(err, intents[i]["keywords"], p + "/keywords", &keywords)).ok()) return s;
    for (size_t k = 0; k < keywords.size(); ++k) {
      const std::string kp = Child(p + "/keywords", k);
      std::vector<std::string> words = SplitWords(Normalize(keywords[k]).text);
      if (words.empty()) return err.At(kp, "has no words");
      const int owner = m->keywords_.Find(*index, words);
      if (owner >= 0) {
        return err.At(kp, "'" + keywords[k] + "' is already a keyword of '" +
                              m->ids_[static_cast<size_t>(owner)] + "'");
      }
      m->keywords_.Add(index, words, intent);
      m->keyword_words_.push_back(std::move(words));
    }
  }
  if (!m->set_->Compile()) return err.At("/intents", "the patterns need too much memory");
  *out = std::move(m);
  return Status::OK();
}

std::vector<IntentMatcher::Hit> IntentMatcher::Match(const NormalizedText& t,
                                                     const std::vector<Scope>& marks,
                                                     const std::vector<int>& negatable) const {
  return MatchGiven(t, PatternHits(t), marks, negatable);
}

std::vector<int> IntentMatcher::PatternHits(const NormalizedText& t) const {
  std::vector<int> hits;
  if (!patterns_.empty()) MatchAtTokenStarts(*set_, t, &hits);
  return hits;
}

std::vector<IntentMatcher::Hit> IntentMatcher::MatchGiven(const NormalizedText& t,
                                                          const std::vector<int>& hits,
                                                          const std::vector<Scope>& marks,
                                                          const std::vector<int>& negatable) const {
  struct Span {
    int intent;
    size_t begin, end;
  };
  std::vector<Span> spans;
  auto negated = [&](int intent, size_t begin) {
    if (marks.empty() || std::find(negatable.begin(), negatable.end(), intent) == negatable.end()) {
      return false;
    }
    size_t first = 0, last = 0;
    t.TokenSpan(begin, begin + 1, &first, &last);
    return first < marks.size() && IsNegated(marks[first]);
  };

  std::vector<int> scratch;
  const std::vector<int>& ids = index_->IdsOf(t, &scratch);
  std::vector<PhraseTrie::Hit> plain;
  plain_.Find(ids, &plain);
  for (const PhraseTrie::Hit& h : plain) {
    const int intent = plain_intent_[static_cast<size_t>(h.id)];
    const size_t b = t.tokens[h.first].begin;
    if (!negated(intent, b)) spans.push_back({intent, b, t.tokens[h.last - 1].end});
  }
  if (!hits.empty()) {
    std::vector<std::pair<size_t, size_t>> found;
    for (int h : hits) {
      const Pattern& p = patterns_[static_cast<size_t>(h)];
      found.clear();
      FindAll(*p.re, t.text, &found);
      for (const auto& [b, e] : found) {
        if (!negated(p.intent, b)) spans.push_back({p.intent, b, std::max(e, b + 1)});
      }
    }
  }
  if (!keywords_.empty()) {
    for (size_t i = 0; i < ids.size(); ++i) {
      int tag = -1;
      if (size_t len = keywords_.LongestAt(ids, i, &tag);
          len > 0 && !negated(tag, t.tokens[i].begin)) {
        spans.push_back({tag, t.tokens[i].begin, t.tokens[i + len - 1].end});
      }
    }
  }
  if (spans.empty()) return {};

  // Drop intents whose every match lies inside a longer match of another intent.
  auto inside_other = [&](const Span& s) {
    return std::any_of(spans.begin(), spans.end(), [&](const Span& o) {
      return o.intent != s.intent && o.begin <= s.begin && s.end <= o.end &&
             o.end - o.begin > s.end - s.begin;
    });
  };
  struct Tally {
    int longest = 0, count = 0, free = 0;
  };
  std::vector<Tally> tally(ids_.size());
  for (const Span& s : spans) {
    Tally& m = tally[static_cast<size_t>(s.intent)];
    m.longest = std::max(m.longest, static_cast<int>(s.end - s.begin));
    ++m.count;
    if (!inside_other(s)) ++m.free;
  }
  std::vector<Hit> out;
  for (size_t i = 0; i < ids_.size(); ++i) {
    const Tally& m = tally[i];
    if (m.count == 0 || m.free == 0) continue;
    out.push_back({static_cast<int>(i), m.longest * 10 + std::min(m.count, 9)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Hit& a, const Hit& b) { return a.score > b.score; });
  return out;
}

}  // namespace kneebot::intents
