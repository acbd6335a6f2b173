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
                    const std::vector<std::string>& known) {
  known_.clear();
  words_.clear();
  deletes_.clear();
  respell_.clear();
  for (const std::string& w : known) known_.insert(w);
  std::vector<std::string> dels;
  for (const std::string& w : dictionary) {
    known_.insert(w);
    if (!AllLetters(w) || Allowed(w.size()) == 0) continue;
    if (std::find(words_.begin(), words_.end(), w) != words_.end()) continue;
    words_.push_back(w);
    Deletions(w, Allowed(w.size()), &dels);
    for (const std::string& d : dels) deletes_[d].push_back(static_cast<int>(words_.size() - 1));
  }
}

bool Speller::InflectionOfKnown(std::string_view word) const {
  static constexpr std::string_view kEndings[] = {"s",  "es", "ed",  "d",   "ing",  "ly",  "y",
                                                  "al", "er", "ers", "ion", "ions", "ness"};
  std::string longer;
  for (std::string_view e : kEndings) {
    if (word.size() > e.size() + 2 && word.substr(word.size() - e.size()) == e &&
        Known(word.substr(0, word.size() - e.size()))) {
      return true;
    }
    longer.assign(word);
    longer += e;
    if (Known(longer)) return true;
  }
  return false;
}

std::string_view Speller::Fix(std::string_view word) const {
  if (auto it = respell_.find(word); it != respell_.end()) return it->second;
  if (word.size() < 4 || !AllLetters(word) || Known(word) || InflectionOfKnown(word)) return {};
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
  std::string text;
  bool changed = false;
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view w = t.word(i);
    if (std::string_view fix = Fix(w); !fix.empty()) {
      w = fix;
      changed = true;
    }
    if (i > 0) text += ' ';
    text += w;
  }
  if (!changed) return false;
  *out = FromNormalized(std::move(text));
  return true;
}

}  // namespace kneebot::intents
