#include "intents/word_index.h"

namespace kneebot::intents {

int WordIndex::Add(std::string_view word) {
  auto it = ids_.find(word);
  if (it != ids_.end()) return it->second;
  const int id = static_cast<int>(ids_.size());
  ids_.emplace(std::string(word), id);
  return id;
}

int WordIndex::Find(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kUnknown : it->second;
}

void WordIndex::Lookup(const NormalizedText& t, std::vector<int>* out) const {
  out->resize(t.size());
  for (size_t i = 0; i < t.size(); ++i) (*out)[i] = Find(t.word(i));
}

void WordIndex::Tag(NormalizedText* t) const {
  Lookup(*t, &t->ids);
  t->tagged_by = this;
}

const std::vector<int>& WordIndex::IdsOf(const NormalizedText& t, std::vector<int>* scratch) const {
  if (t.tagged_by == this && t.ids.size() == t.size()) return t.ids;
  Lookup(t, scratch);
  return *scratch;
}

}  // namespace kneebot::intents
