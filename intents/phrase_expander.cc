#include "intents/phrase_expander.h"

#include <algorithm>

namespace kneebot::intents {
namespace {

// A recursive-descent reader of the regex subset; every rule returns the strings its
// part of the pattern matches, or false for anything outside the subset.
class Expander {
 public:
  Expander(std::string_view p, size_t limit) : p_(p), limit_(limit) {}

  bool Run(std::vector<std::string>* out) {
    if (!Alternation(out) || i_ != p_.size()) return false;
    return true;
  }

 private:
  // alt ('|' alt)*
  bool Alternation(std::vector<std::string>* out) {
    out->clear();
    for (;;) {
      std::vector<std::string> seq;
      if (!Sequence(&seq)) return false;
      out->insert(out->end(), seq.begin(), seq.end());
      if (out->size() > limit_) return false;
      if (i_ < p_.size() && p_[i_] == '|') {
        ++i_;
        continue;
      }
      return true;
    }
  }

  // (atom '?'?)*
  bool Sequence(std::vector<std::string>* out) {
    out->assign(1, std::string());
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      std::vector<std::string> atom;
      if (!Atom(&atom)) return false;
      if (i_ < p_.size() && p_[i_] == '?') {
        ++i_;
        atom.emplace_back();
      }
      std::vector<std::string> joined;
      joined.reserve(out->size() * atom.size());
      for (const std::string& a : *out) {
        for (const std::string& b : atom) joined.push_back(a + b);
      }
      if (joined.size() > limit_) return false;
      *out = std::move(joined);
    }
    return true;
  }

  // a letter, a space, or a group
  bool Atom(std::vector<std::string>* out) {
    const char c = p_[i_];
    if ((c >= 'a' && c <= 'z') || c == ' ') {
      out->assign(1, std::string(1, c));
      ++i_;
      return true;
    }
    if (c != '(') return false;
    ++i_;
    if (p_.substr(i_, 2) == "?:") i_ += 2;
    if (!Alternation(out)) return false;
    if (i_ >= p_.size() || p_[i_] != ')') return false;
    ++i_;
    return true;
  }

  std::string_view p_;
  size_t limit_;
  size_t i_ = 0;
};

bool Plain(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ' ' && s[i - 1] == ' ') return false;
  }
  return true;
}

}  // namespace

bool ExpandPhrases(std::string_view pattern, size_t limit, std::vector<std::string>* out) {
  std::vector<std::string> phrases;
  if (pattern.empty() || !Expander(pattern, limit).Run(&phrases)) return false;
  std::sort(phrases.begin(), phrases.end());
  phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
  if (!std::all_of(phrases.begin(), phrases.end(), Plain)) return false;
  *out = std::move(phrases);
  return true;
}

}  // namespace kneebot::intents
