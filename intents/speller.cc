#include "intents/speller.h"

#include <algorithm>
#include <cstdlib>

namespace kneebot::intents {
namespace {

bool AllLetters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Every string `w` becomes after up to `depth` deletions (w itself included).
void Deletions(std::string_view w, int depth, std::vector<std::string>* out) {
  out->clear();
  out->emplace_back(w);
  size_t level_begin = 0;
  for (int d = 0; d < depth; ++d) {
    const size_t level_end = out->size();
    for (size_t k = level_begin; k < level_end; ++k) {
      const std::string base = (*out)[k];
      for (size_t i = 0; i < base.size(); ++i) {
        std::string del = base.substr(0, i) + base.substr(i + 1);
        if (std::find(out->begin() + static_cast<std::ptrdiff_t>(level_end), out->end(), del) ==
            out->end()) {
          out->push_back(std::move(del));
        }
      }
    }
    level_begin = level_end;
  }
}

}  // namespace

int Speller::Distance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rolling rows: the swap rule looks two rows back.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

void Speller::Build(const std::vector<std::string>& dictionary,
                    const std::vector<std::string>& known, WordIndex* index) {
  index_ = index;
  settled_.clear();
  known_.clear();
  words_.clear();
  targets_.clear();
  deletes_.clear();
  respell_.clear();
  for (const std::string& w : known) known_.insert(w);
  std::vector<std::string> dels;
  for (const std::string& w : dictionary) {
    known_.insert(w);
    if (AllLetters(w) && w.size() >= 4) targets_.insert(w);
    if (!AllLetters(w) || Allowed(w.size()) == 0) continue;
    if (std::find(words_.begin(), words_.end(), w) != words_.end()) continue;
    words_.push_back(w);
    Deletions(w, Allowed(w.size()), &dels);
    for (const std::string& d : dels) deletes_[d].push_back(static_cast<int>(words_.size() - 1));
  }
  for (const std::string& w : known_) {
    const auto id = static_cast<size_t>(index->Add(w));
    if (id >= settled_.size()) settled_.resize(id + 1, false);
    settled_[id] = true;
  }
}

void Speller::AddRespelling(std::string from, std::string to) {
  if (index_ != nullptr) {
    const auto id = static_cast<size_t>(index_->Add(from));
    if (id < settled_.size()) settled_[id] = false;
  }
  respell_[std::move(from)] = std::move(to);
}

bool Speller::InflectionOfKnown(std::string_view word) const {
  static constexpr std::string_view kEndings[] = {"s",  "es", "ed",  "d",   "ing",  "ly",  "y",
                                                  "al", "er", "ers", "ion", "ions", "ness"};
  std::string longer;
  for (std::string_view e : kEndings) {
    // Derivations need a stem of four letters: "runers" is not "run" + "ers".
    const size_t stem = e.size() >= 2 && e != "es" && e != "ed" && e != "ing" ? 4 : 3;
    if (word.size() >= e.size() + stem && word.substr(word.size() - e.size()) == e &&
        Known(word.substr(0, word.size() - e.size()))) {
      return true;
    }
    longer.assign(word);
    longer += e;
    if (Known(longer)) return true;
  }
  return false;
}

std::string_view Speller::Undoubled(std::string_view word) const {
  std::string_view found;
  std::string candidate;
  for (size_t i = 1; i < word.size(); ++i) {
    if (word[i] != word[i - 1]) continue;
    candidate.assign(word.substr(0, i));
    candidate.append(word.substr(i + 1));
    if (std::string_view t = Target(candidate); !t.empty()) {
      if (!found.empty() && found != t) return {};
      found = t;
    }
  }
  return found;
}

std::string_view Speller::FixFourLetters(std::string_view word) const {
  std::string_view found;
  auto consider = [&](const std::string& candidate) {
    std::string_view t = Target(candidate);
    if (t.empty() || t == found) return true;
    if (!found.empty()) return false;  // two targets: leave it
    found = t;
    return true;
  };
  // The two inner letters swapped: "pian" -> "pain".
  const std::string swapped{word[0], word[2], word[1], word[3]};
  if (swapped != word && !consider(swapped)) return {};
  // A letter left out inside the word: "fevr" -> "fever".
  for (size_t at = 1; at < word.size(); ++at) {
    for (char c = 'a'; c <= 'z'; ++c) {
      std::string longer(word.substr(0, at));
      longer += c;
      longer.append(word.substr(at));
      if (!consider(longer)) return {};
    }
  }
  return found;
}

std::string_view Speller::Fix(std::string_view word) const {
  if (auto it = respell_.find(word); it != respell_.end()) return it->second;
  if (word.size() < 4 || !AllLetters(word) || Known(word) || InflectionOfKnown(word)) return {};
  if (std::string_view t = Undoubled(word); !t.empty()) return t;
  if (word.size() == 4) return FixFourLetters(word);
  std::vector<std::string> dels;
  Deletions(word, word.size() >= 6 ? 2 : 1, &dels);
  int best = -1, best_distance = 3;
  bool tie = false;
  for (const std::string& d : dels) {
    auto it = deletes_.find(d);
    if (it == deletes_.end()) continue;
    for (int idx : it->second) {
      const std::string& target = words_[static_cast<size_t>(idx)];
      if (target[0] != word[0] || idx == best) continue;
      const int limit = Allowed(std::min(target.size(), word.size()));
      const int dist = Distance(word, target, limit);
      if (dist > limit) continue;
      if (dist < best_distance) {
        best = idx;
        best_distance = dist;
        tie = false;
      } else if (dist == best_distance) {
        tie = true;
      }
    }
  }
  if (best < 0 || tie) return {};
  return words_[static_cast<size_t>(best)];
}

bool Speller::Correct(const NormalizedText& t, NormalizedText* out) const {
  if (words_.empty() && respell_.empty()) return false;
  std::vector<int> scratch;
  if (index_ == nullptr) scratch.assign(t.size(), WordIndex::kUnknown);  // not built
  const std::vector<int>& ids = index_ != nullptr ? index_->IdsOf(t, &scratch) : scratch;
  auto fix_at = [&](size_t i) {
    const int id = ids[i];
    if (id >= 0 && static_cast<size_t>(id) < settled_.size() && settled_[static_cast<size_t>(id)]) {
      return std::string_view();
    }
    // Not in the index: no respelling, so a short word stays as it is.
    if (id < 0 && index_ != nullptr && t.word(i).size() < 4) return std::string_view();
    return Fix(t.word(i));
  };
  // Most messages have nothing to fix: find the first fix before copying anything.
  size_t first = 0;
  std::string_view fix;
  for (; first < t.size() && fix.empty(); ++first) fix = fix_at(first);
  if (fix.empty()) return false;
  --first;
  std::string text(t.text, 0, t.tokens[first].begin);
  text += fix;
  for (size_t i = first + 1; i < t.size(); ++i) {
    std::string_view w = t.word(i);
    if (std::string_view f = fix_at(i); !f.empty()) w = f;
    text += ' ';
    text += w;
  }
  *out = FromNormalized(std::move(text));
  return true;
}

}  // namespace kneebot::intents
