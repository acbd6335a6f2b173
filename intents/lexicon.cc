#include "intents/lexicon.h"

#include <algorithm>

#include "intents/intent_matcher.h"
#include "intents/phrase_expander.h"
#include "intents/phrase_set.h"

namespace kneebot::intents {

using nlohmann::json;

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(true);
  // The sets hold hundreds of patterns; the default 8 MiB can make the DFA give up.
  o.set_max_mem(int64_t{64} << 20);
  return o;
}

// A phrase starting or ending in punctuation ("[.,] outside", "left ,") cannot start
// or end on \b, so either side may also be one non-word character (or the text's edge).
std::string WordBounded(const std::string& pattern) {
  return "(?:^|\\b|[^a-z0-9])(?:" + pattern + ")(?:\\b|$|[^a-z0-9])";
}

void FindAll(const RE2& re, std::string_view text, std::vector<std::pair<size_t, size_t>>* out) {
  const re2::StringPiece sp(text.data(), text.size());
  re2::StringPiece m;
  size_t pos = 0;
  while (pos <= text.size() && re.Match(sp, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t b = static_cast<size_t>(m.data() - text.data());
    const size_t e = b + m.size();
    out->emplace_back(b, e);
    pos = e > b ? e : e + 1;
  }
}

bool MatchAtTokenStarts(const RE2::Set& set, const NormalizedText& t, std::vector<int>* out,
                        RE2::Set::ErrorInfo* error) {
  out->clear();
  std::vector<int> found;
  RE2::Set::ErrorInfo info;
  for (const Token& token : t.tokens) {
    const re2::StringPiece rest(t.text.data() + token.begin, t.text.size() - token.begin);
    // Most words start no pattern: ask first without collecting matches, which stops at
    // the first match and allocates nothing.
    if (set.Match(rest, nullptr, &info) && set.Match(rest, &found, &info)) {
      out->insert(out->end(), found.begin(), found.end());
    }
    if (info.kind != RE2::Set::kNoError) {
      if (error != nullptr) *error = info;
      return false;
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return true;
}

namespace {

// A pattern standing for more plain phrases than this stays a regex.
constexpr size_t kMaxPlainPhrases = 512;

// "injury=no" (or, with allow_bare, just "injury") against the vocabulary.
Status ParseSlotValue(const DataError& err, const std::string& pointer, const json& v,
                      const SlotVocabulary& vocabulary, bool allow_bare, SlotValue* out) {
  std::string text;
  Status s = ReadString(err, v, pointer, &text);
  if (!s.ok()) return s;
  const size_t eq = text.find('=');
  const std::string slot = text.substr(0, eq);
  out->slot = vocabulary.Find(slot);
  if (out->slot == nullptr) return err.At(pointer, "unknown slot '" + slot + "'");
  if (eq == std::string::npos) {
    if (!allow_bare) return err.At(pointer, "must be \"<slot>=<value>\"");
    out->value.clear();
    return Status::OK();
  }
  out->value = text.substr(eq + 1);
  if (!out->slot->Accepts(out->value)) {
    return err.At(pointer, "unknown value '" + out->value + "' for slot '" + slot + "'");
  }
  return Status::OK();
}

Status ReadValue(const DataError& err, const std::string& pointer, const json& v,
                 const SlotSpec& spec, std::string* out) {
  Status s = ReadString(err, v, pointer, out);
  if (!s.ok()) return s;
  if (!spec.Accepts(*out)) {
    return err.At(pointer, "unknown value '" + *out + "' for slot '" + spec.name + "'");
  }
  return Status::OK();
}

}  // namespace

Lexicon::Lexicon(WordIndex* index) : index_(index) {}

bool Lexicon::AddTo(PatternSet* set, const std::string& re, int id, std::string* error) {
  if (set->set == nullptr) {
    set->set = std::make_unique<RE2::Set>(PatternOptions(), RE2::ANCHOR_START);
  }
  if (set->set->Add(re, error) < 0) return false;
  set->ids.push_back(id);
  return true;
}

const SlotRules* Lexicon::Rules(std::string_view slot) const {
  for (const auto& r : rules_) {
    if (r->spec->name == slot) return r.get();
  }
  return nullptr;
}

Status Lexicon::Load(const DataError& err, const json& doc, const SlotVocabulary& vocabulary,
                     WordIndex* index, std::unique_ptr<Lexicon>* out) {
  std::unique_ptr<Lexicon> lex(new Lexicon(index));
  for (const SlotSpec& spec : vocabulary.slots()) {
    auto r = std::make_unique<SlotRules>();
    r->spec = &spec;
    r->affirm = spec.affirm;
    r->deny = spec.deny;
    r->partial = spec.affirm;
    lex->rules_.push_back(std::move(r));
  }

  auto add_pattern = [&](const std::string& pointer, const json& v, const SlotRules* rules,
                         const std::string* value, bool asked_only) -> Status {
    std::string source;
    Status s = ReadString(err, v, pointer, &source);
    if (!s.ok()) return s;
    const int id = static_cast<int>(lex->patterns_.size());
    std::vector<std::string> phrases;
    if (ExpandPhrases(source, kMaxPlainPhrases, &phrases)) {
      for (const std::string& phrase : phrases) lex->plain_.Add(index, SplitWords(phrase), id);
      lex->patterns_.push_back({rules, value, asked_only, nullptr});
      AddPatternWords(source, &lex->pattern_words_);
      return Status::OK();
    }
    const std::string wrapped = WordBounded(source);
    auto re = std::make_unique<RE2>(wrapped, PatternOptions());
    if (!re->ok()) return err.At(pointer, re->error());
    std::string error;
    if (!AddTo(asked_only ? &lex->asked_[rules] : &lex->main_, wrapped, id, &error)) {
      return err.At(pointer, error);
    }
    if (!asked_only) lex->main_sources_.push_back(wrapped);
    lex->patterns_.push_back({rules, value, asked_only, std::move(re)});
    AddPatternWords(source, &lex->pattern_words_);
    return Status::OK();
  };

  if (!doc.contains("slots")) return err.At("/slots", "missing");
  const json& slots = doc["slots"];
  if (!slots.is_object()) return err.At("/slots", "must be an object");
  Status s;
  for (const auto& [name, cfg] : slots.items()) {
    const std::string p = Child("/slots", name);
    SlotRules* rules = nullptr;
    for (auto& r : lex->rules_) {
      if (r->spec->name == name) rules = r.get();
    }
    if (rules == nullptr) return err.At(p, "unknown slot '" + name + "'");
    const SlotSpec& spec = *rules->spec;
    if (spec.type == SlotType::kInt) {
      return err.At(p, "'" + name + "' is an int slot: it is read from numbers, not phrases");
    }
    s = CheckObject(err, cfg, p, {"values"},
                    {"asked", "negated", "priority", "combine", "implies", "answers", "block",
                     "independent", "comment"});
    if (!s.ok()) return s;

    for (const char* section : {"values", "asked"}) {
      if (!cfg.contains(section)) continue;
      const std::string sp = Child(p, section);
      const json& values = cfg[section];
      if (!values.is_object()) return err.At(sp, "must be an object");
      for (const auto& [value, phrases] : values.items()) {
        const std::string vp = Child(sp, value);
        if (!spec.Accepts(value)) {
          return err.At(vp, "unknown value '" + value + "' for slot '" + name + "'");
        }
        if (!phrases.is_array()) return err.At(vp, "must be an array of strings");
        lex->values_.push_back(std::make_unique<std::string>(value));
        const std::string* stored = lex->values_.back().get();
        const bool asked = std::string_view(section) == "asked";
        for (size_t i = 0; i < phrases.size(); ++i) {
          if (!(s = add_pattern(Child(vp, i), phrases[i], rules, stored, asked)).ok()) return s;
        }
      }
    }

    if (cfg.contains("independent")) {
      if (!cfg["independent"].is_boolean()) return err.At(p + "/independent", "must be a boolean");
      rules->independent = cfg["independent"].get<bool>();
    }

    if (cfg.contains("block")) {
      const json& block = cfg["block"];
      if (!block.is_array()) return err.At(p + "/block", "must be an array of strings");
      for (size_t i = 0; i < block.size(); ++i) {
        s = add_pattern(Child(p + "/block", i), block[i], rules, nullptr, false);
        if (!s.ok()) return s;
      }
    }

    if (cfg.contains("negated")) {
      const json& neg = cfg["negated"];
      if (!neg.is_object()) return err.At(p + "/negated", "must be an object");
      for (const auto& [value, target] : neg.items()) {
        const std::string np = Child(p + "/negated", value);
        if (!spec.Accepts(value)) {
          return err.At(np, "unknown value '" + value + "' for slot '" + name + "'");
        }
        if (target.is_null()) {
          rules->negated[value] = std::nullopt;
          continue;
        }
        SlotValue sv;
        if (target.is_string() && target.get<std::string>().find('=') == std::string::npos) {
          std::string v;
          if (!(s = ReadValue(err, np, target, spec, &v)).ok()) return s;
          sv = {&spec, v};
        } else if (!(s = ParseSlotValue(err, np, target, vocabulary, false, &sv)).ok()) {
          return s;
        }
        rules->negated[value] = sv;
      }
    }

    if (cfg.contains("priority")) {
      const json& pri = cfg["priority"];
      if (!pri.is_array()) return err.At(p + "/priority", "must be an array of strings");
      for (size_t i = 0; i < pri.size(); ++i) {
        std::string v;
        if (!(s = ReadValue(err, Child(p + "/priority", i), pri[i], spec, &v)).ok()) return s;
        rules->priority.push_back(v);
      }
    }

    if (cfg.contains("combine")) {
      const json& comb = cfg["combine"];
      if (!comb.is_array()) return err.At(p + "/combine", "must be an array");
      for (size_t i = 0; i < comb.size(); ++i) {
        const std::string cp = Child(p + "/combine", i);
        if (!comb[i].is_array() || comb[i].size() != 3) {
          return err.At(cp, "must be [value, value, combined value]");
        }
        std::array<std::string, 3> triple;
        for (size_t k = 0; k < 3; ++k) {
          if (!(s = ReadValue(err, Child(cp, k), comb[i][k], spec, &triple[k])).ok()) return s;
        }
        rules->combine.push_back(triple);
      }
    }

    if (cfg.contains("implies")) {
      const json& imp = cfg["implies"];
      if (!imp.is_object()) return err.At(p + "/implies", "must be an object");
      for (const auto& [value, target] : imp.items()) {
        const std::string ip = Child(p + "/implies", value);
        if (value != "*" && !spec.Accepts(value)) {
          return err.At(ip, "unknown value '" + value + "' for slot '" + name + "'");
        }
        SlotValue sv;
        if (!(s = ParseSlotValue(err, ip, target, vocabulary, false, &sv)).ok()) return s;
        rules->implies[value] = sv;
      }
    }

    if (cfg.contains("answers")) {
      const json& ans = cfg["answers"];
      s = CheckObject(err, ans, p + "/answers", {}, {"affirm", "deny", "partial"});
      if (!s.ok()) return s;
      for (const auto& [key, v] : ans.items()) {
        std::string value;
        if (!(s = ReadValue(err, Child(p + "/answers", key), v, spec, &value)).ok()) return s;
        (key == "affirm" ? rules->affirm : key == "deny" ? rules->deny : rules->partial) = value;
      }
      if (!ans.contains("partial") && ans.contains("affirm")) rules->partial = rules->affirm;
    }
  }

  // Unless the data says otherwise, a negated mention means the slot's "no" value, and
  // a negated "no" (or a slot with no "no", like location) means nothing at all.
  for (auto& r : lex->rules_) {
    for (const std::string& v : r->spec->values) {
      if (r->negated.count(v)) continue;
      if (!r->spec->deny.empty() && v != r->spec->deny) {
        r->negated[v] = SlotValue{r->spec, r->spec->deny};
      } else {
        r->negated[v] = std::nullopt;
      }
    }
    r->negated.emplace(std::string(kUnsure), std::nullopt);
  }

  if (doc.contains("suppress")) {
    const json& sup = doc["suppress"];
    if (!sup.is_array()) return err.At("/suppress", "must be an array");
    for (size_t i = 0; i < sup.size(); ++i) {
      const std::string sp = Child("/suppress", i);
      if (!(s = CheckObject(err, sup[i], sp, {"if", "drop"}, {"comment"})).ok()) return s;
      Suppression rule;
      if (!(s = ParseSlotValue(err, sp + "/if", sup[i]["if"], vocabulary, false, &rule.when))
               .ok()) {
        return s;
      }
      if (!(s = ParseSlotValue(err, sp + "/drop", sup[i]["drop"], vocabulary, true, &rule.drop))
               .ok()) {
        return s;
      }
      lex->suppress_.push_back(rule);
    }
  }

  if (lex->main_.set != nullptr && !lex->main_.set->Compile()) {
    return err.At("/slots", "the patterns need too much memory");
  }
  for (auto& [rules, set] : lex->asked_) {
    if (!set.set->Compile()) {
      return err.At(Child("/slots", rules->spec->name), "the patterns need too much memory");
    }
  }
  *out = std::move(lex);
  return Status::OK();
}

std::vector<int> Lexicon::MainHits(const NormalizedText& t) const {
  std::vector<int> hits;
  if (main_.set != nullptr) MatchAtTokenStarts(*main_.set, t, &hits);
  return hits;
}

void Lexicon::Find(const NormalizedText& t, std::string_view expecting,
                   std::vector<Finding>* out) const {
  FindGiven(t, expecting, MainHits(t), out);
}

void Lexicon::FindGiven(const NormalizedText& t, std::string_view expecting,
                        const std::vector<int>& main_hits, std::vector<Finding>* out) const {
  // Where each phrase occurs, as (pattern, token span), in pattern order.
  struct Hit {
    int id;
    size_t first, last;
  };
  std::vector<Hit> hits;
  std::vector<int> found;
  auto add_regex_hits = [&](const PatternSet& set, const std::vector<int>& found) {
    std::vector<std::pair<size_t, size_t>> spans;
    for (int k : found) {
      const int id = set.ids[static_cast<size_t>(k)];
      spans.clear();
      FindAll(*patterns_[static_cast<size_t>(id)].re, t.text, &spans);
      for (const auto& [b, e] : spans) {
        size_t first = 0, last = 0;
        t.TokenSpan(b, e, &first, &last);
        if (first < last) hits.push_back({id, first, last});
      }
    }
  };
  add_regex_hits(main_, main_hits);
  if (!expecting.empty()) {
    for (const auto& [rules, set] : asked_) {
      if (rules->spec->name != expecting) continue;
      if (MatchAtTokenStarts(*set.set, t, &found)) add_regex_hits(set, found);
    }
  }
  std::vector<int> scratch;
  std::vector<PhraseTrie::Hit> plain;
  plain_.Find(index_->IdsOf(t, &scratch), &plain);
  for (const PhraseTrie::Hit& h : plain) hits.push_back({h.id, h.first, h.last});
  if (hits.empty()) return;
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.id != b.id ? a.id < b.id : a.first < b.first;
  });

  struct Block {
    const SlotRules* rules;
    size_t first, last;
  };
  std::vector<Block> blocks;
  const size_t start = out->size();
  for (const Hit& h : hits) {
    const Pattern& p = patterns_[static_cast<size_t>(h.id)];
    if (p.asked_only && p.rules->spec->name != expecting) continue;
    if (p.value == nullptr) {
      blocks.push_back({p.rules, h.first, h.last});
    } else {
      out->push_back({p.rules, p.value, h.first, h.last, p.asked_only});
    }
  }
  if (blocks.empty()) return;
  auto blocked = [&](const Finding& f) {
    return std::any_of(blocks.begin(), blocks.end(), [&](const Block& b) {
      return b.rules == f.rules && b.first <= f.first && f.last <= b.last;
    });
  };
  out->erase(std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(start), out->end(), blocked),
             out->end());
}

}  // namespace kneebot::intents
