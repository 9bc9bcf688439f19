// Benchmarks of kvcheck scan on generated Python: a million lines of attention code (2,000
// files of 500 lines: a GQA attention module with its cache, a repeat helper and ordinary
// utility code), and 10,000 small files with no attention at all. Peak memory is reported
// as the process's maximum resident set.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kvcheck/scan/scan.hpp"

namespace {

namespace fs = std::filesystem;

const char* kAttention =
    "import math\n"
    "import torch\n"
    "import torch.nn as nn\n"
    "import torch.nn.functional as F\n"
    "\n"
    "def repeat_kv(x, n_rep):\n"
    "    bs, slen, n_kv_heads, head_dim = x.shape\n"
    "    if n_rep == 1:\n"
    "        return x\n"
    "    return x[:, :, :, None, :].expand(bs, slen, n_kv_heads, n_rep, head_dim).reshape(bs, slen, n_kv_heads * n_rep, head_dim)\n"
    "\n"
    "class Attention{N}(nn.Module):\n"
    "    def __init__(self, args):\n"
    "        super().__init__()\n"
    "        self.n_kv_heads = args.n_heads if args.n_kv_heads is None else args.n_kv_heads\n"
    "        self.n_local_heads = args.n_heads\n"
    "        self.n_rep = self.n_local_heads // self.n_kv_heads\n"
    "        self.head_dim = args.dim // args.n_heads\n"
    "        self.wq = nn.Linear(args.dim, args.n_heads * self.head_dim, bias=False)\n"
    "        self.wk = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
    "        self.wv = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
    "        self.wo = nn.Linear(args.n_heads * self.head_dim, args.dim, bias=False)\n"
    "        self.cache_k = torch.zeros((args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim))\n"
    "        self.cache_v = torch.zeros((args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim))\n"
    "\n"
    "    def forward(self, x, start_pos, mask=None):\n"
    "        bsz, seqlen, _ = x.shape\n"
    "        xq = self.wq(x).view(bsz, seqlen, self.n_local_heads, self.head_dim)\n"
    "        xk = self.wk(x).view(bsz, seqlen, self.n_kv_heads, self.head_dim)\n"
    "        xv = self.wv(x).view(bsz, seqlen, self.n_kv_heads, self.head_dim)\n"
    "        self.cache_k[:bsz, start_pos : start_pos + seqlen] = xk\n"
    "        self.cache_v[:bsz, start_pos : start_pos + seqlen] = xv\n"
    "        keys = repeat_kv(self.cache_k[:bsz, : start_pos + seqlen], self.n_rep)\n"
    "        values = repeat_kv(self.cache_v[:bsz, : start_pos + seqlen], self.n_rep)\n"
    "        xq, keys, values = xq.transpose(1, 2), keys.transpose(1, 2), values.transpose(1, 2)\n"
    "        scores = torch.matmul(xq, keys.transpose(2, 3)) / math.sqrt(self.head_dim)\n"
    "        if mask is not None:\n"
    "            scores = scores + mask\n"
    "        scores = F.softmax(scores.float(), dim=-1).type_as(xq)\n"
    "        output = torch.matmul(scores, values)\n"
    "        return self.wo(output.transpose(1, 2).contiguous().view(bsz, seqlen, -1))\n"
    "\n";

/// Ordinary code that is not attention: 10 lines per function.
std::string utility(int k) {
  const std::string n = std::to_string(k);
  return "def summarize_" + n + "(records, key=None, limit=10):\n"
         "    totals = {}\n"
         "    for r in records:\n"
         "        name = r.get(key or 'name', 'unknown')\n"
         "        totals[name] = totals.get(name, 0) + r['value'] * " + n + "\n"
         "    ordered = sorted(totals.items(), key=lambda kv: -kv[1])\n"
         "    if len(ordered) > limit:\n"
         "        ordered = ordered[:limit]\n"
         "    return [f'{name}: {value}' for name, value in ordered]\n"
         "\n";
}

std::string attention_file(int n, int lines) {
  std::string text = kAttention;
  text.replace(text.find("{N}"), 3, std::to_string(n));
  int have = 0;
  for (const char c : text) have += c == '\n';
  for (int k = 0; have < lines; ++k, have += 10) text += utility(k);
  return text;
}

/// A folder generated once per process, removed at exit.
struct Corpus {
  fs::path root;
  long lines = 0;
  Corpus(const std::string& name, int files, int lines_per_file, bool attention) {
    root = fs::temp_directory_path() / ("kvcheck-scan-bench-" + name);
    fs::remove_all(root);
    for (int f = 0; f < files; ++f) {
      const fs::path dir = root / ("pkg" + std::to_string(f / 100));
      fs::create_directories(dir);
      std::string text;
      if (attention) {
        text = attention_file(f, lines_per_file);
      } else {
        for (int k = 0; k * 10 < lines_per_file; ++k) text += utility(k);
      }
      for (const char c : text) lines += c == '\n';
      std::ofstream(dir / ("m" + std::to_string(f) + ".py")) << text;
    }
  }
  ~Corpus() { fs::remove_all(root); }
};

long peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void run_scan(benchmark::State& state, const Corpus& corpus, std::size_t want_sites) {
  for (auto _ : state) {
    const kvcheck::scan::ScanResult r = kvcheck::scan::scan({{corpus.root.string()}, {}});
    benchmark::DoNotOptimize(r.findings.data());
    if (!r.findings.empty()) state.SkipWithError("generated code has no bugs, yet a finding was reported");
    if (r.sites.size() != want_sites) state.SkipWithError("not every site was analysed");
  }
  state.counters["lines"] = static_cast<double>(corpus.lines);
  state.counters["lines_per_s"] =
      benchmark::Counter(static_cast<double>(corpus.lines), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MiB"] = static_cast<double>(peak_rss_mib());
}

void BM_ScanMillionLinesOfAttentionCode(benchmark::State& state) {
  static const Corpus corpus("attention", 2000, 500, true);
  run_scan(state, corpus, 2000);
}
BENCHMARK(BM_ScanMillionLinesOfAttentionCode)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_ScanTenThousandFilesWithoutAttention(benchmark::State& state) {
  static const Corpus corpus("plain", 10000, 40, false);
  run_scan(state, corpus, 0);
  state.counters["ms_per_1000_files"] = benchmark::Counter(
      10.0, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScanTenThousandFilesWithoutAttention)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
