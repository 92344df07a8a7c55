// Tests for base/blake3.h: the official BLAKE3 test vectors on both engines with one-shot and
// irregular updates, agreement with the b3sum tool around every chunk and 16-chunk boundary, the
// SIMD engine against the portable one for many lengths and splits, starting over after Final()
// and the extendable output's prefixes.

#include "base/blake3.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/hex.h"
#include "base/rng.h"

namespace keyrite {
namespace {

using Engine = Blake3Stream::Engine;

// From test_vectors/test_vectors.json in the BLAKE3 repository (github.com/BLAKE3-team/BLAKE3):
// the input is the bytes i % 251, the output the first 131 bytes of the extended "hash" output.
struct Vector {
  std::size_t length;
  const char* hash;
};

constexpr Vector kVectors[] = {
    {0,
     "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262e00f03e7b69af26b7faaf09f"
     "cd333050338ddfe085b8cc869ca98b206c08243a26f5487789e8f660afe6c99ef9e0c52b92e7393024a80459"
     "cf91f476f9ffdbda7001c22e159b402631f277ca96f2defdf1078282314e763699a31c5363165421cce14d"},
    {1,
     "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213c3a6cb8bf623e20cdb535f8d"
     "1a5ffb86342d9c0b64aca3bce1d31f60adfa137b358ad4d79f97b47c3d5e79f179df87a3b9776ef8325f8329"
     "886ba42f07fb138bb502f4081cbcec3195c5871e6c23e2cc97d3c69a613eba131e5f1351f3f1da786545e5"},
    {1023,
     "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11a182d27a591b05592b156075"
     "00e1e8dd56bc6c7fc063715b7a1d737df5bad3339c56778957d870eb9717b57ea3d9fb68d1b55127bba6a906"
     "a4a24bbd5acb2d123a37b28f9e9a81bbaae360d58f85e5fc9d75f7c370a0cc09b6522d9c8d822f2f28f485"},
    {1024,
     "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af71cf8107265ecdaf8505b95d8"
     "fcec83a98a6a96ea5109d2c179c47a387ffbb404756f6eeae7883b446b70ebb144527c2075ab8ab204c0086b"
     "b22b7c93d465efc57f8d917f0b385c6df265e77003b85102967486ed57db5c5ca170ba441427ed9afa684e"},
    {1025,
     "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444f4c4a22b4b399155358a994e"
     "52bf255de60035742ec71bd08ac275a1b51cc6bfe332b0ef84b409108cda080e6269ed4b3e2c3f7d722aa4cd"
     "c98d16deb554e5627be8f955c98e1d5f9565a9194cad0c4285f93700062d9595adb992ae68ff12800ab67a"},
    {2048,
     "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a9a60bf80001410ec9eea6698"
     "cd537939fad4749edd484cb541aced55cd9bf54764d063f23f6f1e32e12958ba5cfeb1bf618ad094266d4fc3"
     "c968c2088f677454c288c67ba0dba337b9d91c7e1ba586dc9a5bc2d5e90c14f53a8863ac75655461cea8f9"},
    {2049,
     "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b687952256303096de31d71d74103403822a2e"
     "0bc1eb193e7aecc9643a76b7bbc0c9f9c52e8783aae98764ca468962b5c2ec92f0c74eb5448d519713e09413"
     "719431c802f948dd5d90425a4ecdadece9eb178d80f26efccae630734dff63340285adec2aed3b51073ad3"},
    {3072,
     "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd29a3f6b0b978d6608335c09dc"
     "94ccf682f9951cdfc501bfe47b9c9189a6fc7b404d120258506341a6d802857322fbd20d3e5dae05b95c8879"
     "3fa83db1cb08e7d8008d1599b6209d78336e24839724c191b2a52a80448306e0daa84a3fdb566661a37e11"},
    {3073,
     "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd39a27ae3b79d68d89da9bf25b"
     "c27139ae65a324918a5f9b7828181e52cf373c84f35b639b7fccbb985b6f2fa56aea0c18f531203497b8bbd3"
     "a07ceb5926f1cab74d14bd66486d9a91eba99059a98bd1cd25876b2af5a76c3e9eed554ed72ea952b603bf"},
    {4096,
     "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e9690289e9409ddb1b99768eafe1"
     "623da896faf7e1114bebeadc1be30829b6f8af707d85c298f4f0ff4d9438aef948335612ae921e76d411c3a9"
     "111df62d27eaf871959ae0062b5492a0feb98ef3ed4af277f5395172dbe5c311918ea0074ce0036454f620"},
    {4097,
     "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb99505f91b0b5600a11251652eac"
     "fa9497b31cd3c409ce2e45cfe6c0a016967316c426bd26f619eab5d70af9a418b845c608840390f361630bd4"
     "97b1ab44019316357c61dbe091ce72fc16dc340ac3d6e009e050b3adac4b5b2c92e722cffdc46501531956"},
    {5120,
     "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833acc61c8fdc114a2010ce8038"
     "c853e121e1544985133fccdd0a2d507e8e615e611e9a0ba4f47915f49e53d721816a9198e8b30f12d20ec368"
     "9989175f1bf7a300eee0d9321fad8da232ece6efb8e9fd81b42ad161f6b9550a069e66b11b40487a5f5059"},
    {5121,
     "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff96adaab0613a6146cdaabe49"
     "8c3a94e529d3fc1da2bd08edf54ed64d40dcd6777647eac51d8277d70219a9694334a68bc8f0f23e20b0ff70"
     "ada6f844542dfa32cd4204ca1846ef76d811cdb296f65e260227f477aa7aa008bac878f72257484f2b6c95"},
    {6144,
     "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca2054d742022da6fdda444ebc384"
     "b04a54c3ac5839b49da7d39f6d8a9db03deab32aade156c1c0311e9b3435cde0ddba0dce7b26a376cad12129"
     "4b689193508dd63151603c6ddb866ad16c2ee41585d1633a2cea093bea714f4c5d6b903522045b20395c83"},
    {6145,
     "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f18a2cfdd73c6e39dd75ce7c1"
     "c6e3ef238fd54465f053b25d21044ccb2093beb015015532b108313b5829c3621ce324b8e14229091b7c93f3"
     "2db2e4e63126a377d2a63a3597997d4f1cba59309cb4af240ba70cebff9a23d5e3ff0cdae2cfd54e070022"},
    {7168,
     "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a5707c321c83361793b9af62a"
     "40f43b523df1c8633cecb4cd14d00bdc79c78fca5165b863893f6d38b02ff7236c5a9a8ad2dba87d24c547ca"
     "b046c29fc5bc1ed142e1de4763613bb162a5a538e6ef05ed05199d751f9eb58d332791b8d73fb74e4fce95"},
    {7169,
     "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e781798a8b20534be1ca9eb2ae2df"
     "3fae2ea60e48c6fb0b850b1385b5de0fe460dbe9d9f9b0d8db4435da75c601156df9d047f4ede008732eb17a"
     "dc05d96180f8a73548522840779e6062d643b79478a6e8dbce68927f36ebf676ffa7d72d5f68f050b119c8"},
    {8192,
     "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a635fe51a27db045a567c1ad51b"
     "e5aa34c01c6651c4d9b5b5ac5d0fd58cf18dd61a47778566b797a8c67df7b1d60b97b19288d2d877bb2df417"
     "ace009dcb0241ca1257d62712b6a4043b4ff33f690d849da91ea3bf711ed583cb7b7a7da2839ba71309bbf"},
    {8193,
     "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3bb2282aa69be089359ea1154b"
     "9a9286c4a56af4de975a9aa4a5c497654914d279bea60bb6d2cf7225a2fa0ff5ef56bbe4b149f3ed15860f78"
     "b4e2ad04e158e375c1e0c0b551cd7dfc82f1b155c11b6b3ed51ec9edb30d133653bb5709d1dbd55f4e1ff6"},
    {16384,
     "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde49d764c270176e53e97bdffa5"
     "8d549073f2c660be0e81293767ed4e4929f9ad34bbb39a529334c57c4a381ffd2a6d4bfdbf1482651b172aa8"
     "83cc13408fa67758a3e47503f93f87720a3177325f7823251b85275f64636a8f1d599c2e49722f42e93893"},
    {31744,
     "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47860cc51f2b0c28a7b77304bd"
     "55fe73af663c02d3f52ea053ba43431ca5bab7bfea2f5e9d7121770d88f70ae9649ea713087d1914f7f31214"
     "7e247f87eb2d4ffef0ac978bf7b6579d57d533355aa20b8b77b13fd09748728a5cc327a8ec470f4013226f"},
    {102400,
     "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085e01c59dab908c04c3342b816"
     "941a26d69c2605ebee5ec5291cc55e15b76146e6745f0601156c3596cb75065a9c57f35585a52e1ac70f6913"
     "1c23d611ce11ee4ab1ec2c009012d236648e77be9295dd0426f29b764d65de58eb7d01dd42248204f45f8e"},
};

// The same file's "keyed_hash" outputs (first 32 bytes), keyed by the file's "key".
struct KeyedVector {
  std::size_t length;
  const char* hash;
};

constexpr KeyedVector kKeyedVectors[] = {
    {0, "92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26"},
    {1, "6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b"},
    {1023, "c951ecdf03288d0fcc96ee3413563d8a6d3589547f2c2fb36d9786470f1b9d6e"},
    {1024, "75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4"},
    {1025, "357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69"},
    {2048, "879cf1fa2ea0e79126cb1063617a05b6ad9d0b696d0d757cf053439f60a99dd1"},
    {8193, "954a2a75420c8d6547e3ba5b98d963e6fa6491addc8c023189cc519821b4a1f5"},
    {16384, "9e9fc4eb7cf081ea7c47d1807790ed211bfec56aa25bb7037784c13c4b707b0d"},
    {31744, "efa53b389ab67c593dba624d898d0f7353ab99e4ac9d42302ee64cbf9939a419"},
    {102400, "1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7"},
};

constexpr char kVectorKey[] = "whats the Elvish word for friend";

std::vector<std::uint8_t> Pattern(std::size_t length) {
  std::vector<std::uint8_t> out(length);
  for (std::size_t i = 0; i < length; ++i) out[i] = static_cast<std::uint8_t>(i % 251);
  return out;
}

std::vector<std::uint8_t> RandomBytes(std::size_t length, std::uint64_t seed) {
  std::vector<std::uint8_t> out(length);
  SeededRng(seed).Fill(out);
  return out;
}

// Feeds data in pieces whose sizes cycle through `pieces` (empty: all at once).
void Feed(Blake3Stream& h, std::span<const std::uint8_t> data,
          const std::vector<std::size_t>& pieces) {
  if (pieces.empty()) {
    h.Update(data);
    return;
  }
  for (std::size_t i = 0; !data.empty(); ++i) {
    const std::size_t take = std::min(pieces[i % pieces.size()], data.size());
    h.Update(data.first(take));
    data = data.subspan(take);
  }
}

std::string Hash(Engine engine, std::span<const std::uint8_t> data,
                 const std::vector<std::size_t>& pieces = {}, std::size_t out_len = 32,
                 const std::uint8_t* key = nullptr) {
  alignas(Blake3Stream::kStateAlign) std::uint8_t state[Blake3Stream::kStateBytes];
  std::vector<std::uint8_t> out(out_len);
  if (key != nullptr) {
    Blake3Stream h(state, std::span<const std::uint8_t, 32>(key, 32), engine);
    Feed(h, data, pieces);
    h.Final(out);
  } else {
    Blake3Stream h(state, engine);
    Feed(h, data, pieces);
    h.Final(out);
  }
  return ToHex(out);
}

const std::vector<std::vector<std::size_t>> kSplits = {
    {},     {1},     {63},    {64},    {65},          {1023},           {1024},
    {1025}, {16383}, {16384}, {16385}, {1, 1024, 65}, {4097, 3, 16384}, {17000, 31}};

TEST(Blake3Test, BestEngineName) {
  const std::string name = Blake3Stream::BestEngineName();
  EXPECT_TRUE(name == "avx512" || name == "avx2" || name == "portable") << name;
  std::printf("BLAKE3 best engine: %s\n", name.c_str());
}

TEST(Blake3Test, OfficialVectors) {
  for (const Vector& v : kVectors) {
    const std::vector<std::uint8_t> data = Pattern(v.length);
    const std::string full = v.hash;
    for (const Engine engine : {Engine::kBest, Engine::kPortable}) {
      EXPECT_EQ(Hash(engine, data), full.substr(0, 64)) << "length " << v.length;
      EXPECT_EQ(Hash(engine, data, {}, 131), full) << "length " << v.length;
      for (const auto& pieces : kSplits) {
        EXPECT_EQ(Hash(engine, data, pieces), full.substr(0, 64))
            << "length " << v.length << " first piece " << (pieces.empty() ? 0 : pieces[0]);
      }
    }
  }
}

TEST(Blake3Test, OfficialKeyedVectors) {
  const auto* key = reinterpret_cast<const std::uint8_t*>(kVectorKey);
  for (const KeyedVector& v : kKeyedVectors) {
    const std::vector<std::uint8_t> data = Pattern(v.length);
    for (const Engine engine : {Engine::kBest, Engine::kPortable}) {
      EXPECT_EQ(Hash(engine, data, {}, 32, key), v.hash) << "length " << v.length;
      EXPECT_EQ(Hash(engine, data, {1025, 7}, 32, key), v.hash) << "length " << v.length;
    }
  }
}

// The lengths around every chunk boundary up to about 300 KiB (so around every 16-chunk one),
// and a few MiB with an odd tail.
std::vector<std::size_t> BoundaryLengths() {
  std::vector<std::size_t> lengths = {0, 1, 63, 64, 65};
  for (std::size_t chunks = 1; chunks <= 300; ++chunks) {
    for (const std::size_t delta : {-1, 0, 1}) lengths.push_back(chunks * 1024 + delta);
  }
  lengths.push_back((3u << 20) + 12345);
  return lengths;
}

TEST(Blake3Test, AgreesWithB3sum) {
  if (std::system("command -v b3sum > /dev/null 2>&1") != 0) GTEST_SKIP() << "no b3sum";
  namespace fs = std::filesystem;
  std::string dir = (fs::temp_directory_path() / "keyrite-blake3-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::vector<std::size_t> lengths = BoundaryLengths();
  std::vector<std::string> expected;
  std::string command = "b3sum --no-names --num-threads 1";
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const std::vector<std::uint8_t> data = RandomBytes(lengths[i], 1000 + i);
    const std::string path = dir + "/" + std::to_string(i);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()),
               static_cast<std::streamsize>(data.size()));
    command += " " + path;
    const std::vector<std::size_t> pieces = {1 + (i * 7919) % 20000, 1 + (i * 104729) % 70000};
    const std::string best = Hash(Engine::kBest, data, pieces);
    EXPECT_EQ(best, Hash(Engine::kBest, data)) << "length " << lengths[i];
    if (i % 5 == 0) {
      EXPECT_EQ(Hash(Engine::kPortable, data), best) << "length " << lengths[i];
    }
    expected.push_back(best);
  }
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256];
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    ASSERT_NE(std::fgets(line, sizeof line, pipe), nullptr);
    EXPECT_EQ(std::string(line).substr(0, 64), expected[i]) << "length " << lengths[i];
  }
  EXPECT_EQ(pclose(pipe), 0);
  fs::remove_all(dir);
}

TEST(Blake3Test, BestMatchesPortableForManyLengthsAndSplits) {
  SeededRng lengths_rng(5);
  const std::vector<std::uint8_t> data = RandomBytes(600 * 1024, 6);
  for (int trial = 0; trial < 200; ++trial) {
    std::array<std::uint8_t, 8> r{};
    lengths_rng.Fill(r);
    std::size_t length = (r[0] | r[1] << 8 | r[2] << 16) % data.size();
    if (trial % 3 == 0) length %= 40000;
    const std::vector<std::size_t> pieces = {1u + (r[3] | r[4] << 8) % 40000u, 1u + r[5] % 200u,
                                             1u + (r[6] | r[7] << 8) * 4u};
    const auto input = std::span(data).first(length);
    ASSERT_EQ(Hash(Engine::kBest, input, pieces), Hash(Engine::kPortable, input))
        << "length " << length << " pieces " << pieces[0] << " " << pieces[1] << " " << pieces[2];
  }
}

TEST(Blake3Test, FinalStartsOver) {
  for (const Engine engine : {Engine::kBest, Engine::kPortable}) {
    alignas(Blake3Stream::kStateAlign) std::uint8_t state[Blake3Stream::kStateBytes];
    Blake3Stream h(state, engine);
    const std::vector<std::uint8_t> first = RandomBytes(70000, 9), second = Pattern(1025);
    h.Update(first);
    EXPECT_EQ(ToHex(h.Final()), Hash(engine, first));
    h.Update(second);
    EXPECT_EQ(ToHex(h.Final()), std::string(kVectors[4].hash).substr(0, 64));
    EXPECT_EQ(ToHex(h.Final()), std::string(kVectors[0].hash).substr(0, 64));  // empty input
  }
}

TEST(Blake3Test, ExtendedOutputsArePrefixes) {
  for (const std::size_t length : {0u, 5u, 1024u, 5000u, 40000u}) {
    const std::vector<std::uint8_t> data = RandomBytes(length, length);
    const std::string longest = Hash(Engine::kBest, data, {}, 131);
    for (std::size_t out_len = 1; out_len <= 131; ++out_len) {
      ASSERT_EQ(Hash(Engine::kBest, data, {}, out_len), longest.substr(0, 2 * out_len))
          << "length " << length << " output " << out_len;
    }
  }
}

// The AVX2 engine only runs through Blake3Stream on CPUs without AVX-512 (and under valgrind), so
// here it is checked against the AVX-512 one directly: chunks with counters that carry into the
// high word, and parent blocks, for every number of inputs.
TEST(Blake3Test, Avx2EngineMatchesAvx512Engine) {
  if (!internal::Blake3Avx2Supported() || !internal::Blake3Avx512Supported()) {
    GTEST_SKIP() << "needs both AVX2 and AVX-512";
  }
  const std::vector<std::uint8_t> data = RandomBytes(8 * 1024, 12);
  const std::uint32_t key[8] = {1, 2, 3, 4, 5, 6, 7, 0xffffffff};
  const std::uint8_t* inputs[16];
  for (std::size_t n = 1; n <= 8; ++n) {
    for (const std::size_t blocks : {1u, 16u}) {
      for (std::size_t i = 0; i < 16; ++i) inputs[i] = data.data() + 1024 * (i < n ? i : 0);
      std::uint8_t wide[16 * 32] = {}, narrow[16 * 32] = {};
      const std::uint64_t counter = 0xfffffffdu;
      internal::Blake3ManyAvx512(inputs, n, blocks, key, counter, blocks == 16, 16, 1, 2, wide);
      internal::Blake3ManyAvx2(inputs, n, blocks, key, counter, blocks == 16, 16, 1, 2, narrow);
      EXPECT_EQ(ToHex(wide), ToHex(narrow)) << n << " inputs of " << blocks << " blocks";
    }
  }
}

}  // namespace
}  // namespace keyrite
