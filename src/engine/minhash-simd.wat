;; The MinHash loop of minhash.ts in WebAssembly SIMD: the same hash functions, the same signatures.
;;
;; Hash function i maps a shingle x to (mul[i] * x + add[i]) mod 2^32; a signature holds each
;; function's minimum over the shingles. Here four 128-bit vectors carry sixteen functions at once:
;; per shingle, one splat, then per vector one multiply (low 32 bits, as Math.imul), one add (mod 2^32)
;; and one unsigned minimum. The sixteen minima stay in registers for the whole pass over the shingles.
;;
;; Memory (laid out by minhash-simd.ts): bytes [0, 4096) the multipliers, [4096, 8192) the addends
;; (so k <= 1024), [8192, 12288) the signature written by "signature"; the rest is the caller's (the
;; shingles, and for "signature_to", "min_of" and "band_keys" signatures, band seeds and keys). k
;; must be a multiple of 16. `npm run build:wasm` compiles this file into minhash-simd.bytes.ts.
;;
;; A unit's band keys can be made here too (the engine's computeUnitRecords, where the kernel runs):
;; "min_of" gives the signature of a union of blocks from the blocks' signatures (the minimum over a
;; union is the minimum of the minima), four lanes at a time, and "band_keys" hashes each band's rows
;; into its key exactly as lsh.ts bandKeys() does.
(module
  (memory (export "memory") 1)
  (func (export "signature") (param $shingles i32) (param $count i32) (param $k i32)
    (call $signature_to (local.get $shingles) (local.get $count) (local.get $k) (i32.const 8192)))
  ;; The signature of the $count shingles at $shingles, written at $dst (k values).
  (func $signature_to (export "signature_to") (param $shingles i32) (param $count i32) (param $k i32) (param $dst i32)
    (local $g i32) (local $at i32) (local $p i32) (local $end i32) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $end (i32.add (local.get $shingles) (i32.shl (local.get $count) (i32.const 2))))
    (block $empty
      (br_if $empty (i32.eqz (local.get $k)))
      ;; One pass over the shingles for each group of sixteen hash functions ($g is the first).
      (loop $groups
        (local.set $at (i32.shl (local.get $g) (i32.const 2)))
        (local.set $a0 (v128.load offset=0 (local.get $at)))
        (local.set $a1 (v128.load offset=16 (local.get $at)))
        (local.set $a2 (v128.load offset=32 (local.get $at)))
        (local.set $a3 (v128.load offset=48 (local.get $at)))
        (local.set $b0 (v128.load offset=4096 (local.get $at)))
        (local.set $b1 (v128.load offset=4112 (local.get $at)))
        (local.set $b2 (v128.load offset=4128 (local.get $at)))
        (local.set $b3 (v128.load offset=4144 (local.get $at)))
        (local.set $m0 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m1 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m2 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $m3 (v128.const i32x4 -1 -1 -1 -1))
        (local.set $p (local.get $shingles))
        (block $done
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (loop $shingle
            (local.set $x (i32x4.splat (i32.load (local.get $p))))
            (local.set $m0 (i32x4.min_u (local.get $m0) (i32x4.add (i32x4.mul (local.get $x) (local.get $a0)) (local.get $b0))))
            (local.set $m1 (i32x4.min_u (local.get $m1) (i32x4.add (i32x4.mul (local.get $x) (local.get $a1)) (local.get $b1))))
            (local.set $m2 (i32x4.min_u (local.get $m2) (i32x4.add (i32x4.mul (local.get $x) (local.get $a2)) (local.get $b2))))
            (local.set $m3 (i32x4.min_u (local.get $m3) (i32x4.add (i32x4.mul (local.get $x) (local.get $a3)) (local.get $b3))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br_if $shingle (i32.lt_u (local.get $p) (local.get $end)))))
        (v128.store offset=0 (i32.add (local.get $dst) (local.get $at)) (local.get $m0))
        (v128.store offset=16 (i32.add (local.get $dst) (local.get $at)) (local.get $m1))
        (v128.store offset=32 (i32.add (local.get $dst) (local.get $at)) (local.get $m2))
        (v128.store offset=48 (i32.add (local.get $dst) (local.get $at)) (local.get $m3))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br_if $groups (i32.lt_u (local.get $g) (local.get $k))))))
  ;; dst[i] = the minimum over j < n of src[j * k + i], for i < k ($n >= 1 signatures one after another).
  (func (export "min_of") (param $src i32) (param $n i32) (param $k i32) (param $dst i32)
    (local $i i32) (local $bytes i32) (local $p i32) (local $last i32) (local $m v128)
    (local.set $bytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $last (i32.add (local.get $src) (i32.mul (i32.sub (local.get $n) (i32.const 1)) (local.get $bytes))))
    (block $empty
      (br_if $empty (i32.eqz (local.get $k)))
      (loop $lanes
        (local.set $p (i32.add (local.get $src) (local.get $i)))
        (local.set $m (v128.load (local.get $p)))
        (block $one
          (br_if $one (i32.ge_u (local.get $p) (i32.add (local.get $last) (local.get $i))))
          (loop $blocks
            (local.set $p (i32.add (local.get $p) (local.get $bytes)))
            (local.set $m (i32x4.min_u (local.get $m) (v128.load (local.get $p))))
            (br_if $blocks (i32.lt_u (local.get $p) (i32.add (local.get $last) (local.get $i))))))
        (v128.store (i32.add (local.get $dst) (local.get $i)) (local.get $m))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br_if $lanes (i32.lt_u (local.get $i) (local.get $bytes))))))
  ;; Band b's key (lsh.ts bandKeys): h = seeds[b], then for each of its rows v,
  ;; h = combineMixed(h, fmix32(v + 0x9e3779b9)) (hash.ts combine); 0 becomes 1. Written at $dst.
  ;; The signature's values are first replaced by fmix32(v + 0x9e3779b9), four lanes at a time (the
  ;; two multiplies of each); the combining, one band after another, is scalar.
  (func (export "band_keys") (param $sig i32) (param $bands i32) (param $rows i32) (param $seeds i32) (param $dst i32)
    (local $b i32) (local $r i32) (local $h i32) (local $p i32) (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $sig) (i32.shl (i32.mul (local.get $bands) (local.get $rows)) (i32.const 2))))
    (local.set $p (local.get $sig))
    (block $mixed
      (br_if $mixed (i32.ge_u (local.get $p) (local.get $end)))
      (loop $mix
        (local.set $v (i32x4.add (v128.load (local.get $p)) (v128.const i32x4 0x9e3779b9 0x9e3779b9 0x9e3779b9 0x9e3779b9)))
        (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))))
        (local.set $v (i32x4.mul (local.get $v) (v128.const i32x4 0x85ebca6b 0x85ebca6b 0x85ebca6b 0x85ebca6b)))
        (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 13))))
        (local.set $v (i32x4.mul (local.get $v) (v128.const i32x4 0xc2b2ae35 0xc2b2ae35 0xc2b2ae35 0xc2b2ae35)))
        (v128.store (local.get $p) (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br_if $mix (i32.lt_u (local.get $p) (local.get $end)))))
    (local.set $p (local.get $sig))
    (block $none
      (br_if $none (i32.eqz (local.get $bands)))
      (loop $band
        (local.set $h (i32.load (i32.add (local.get $seeds) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $r (i32.const 0))
        (block $norows
          (br_if $norows (i32.eqz (local.get $rows)))
          (loop $row
            (local.set $h (i32.xor (local.get $h) (i32.load (local.get $p))))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (i32.const 0x2c1b3c6d)))
            (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 12))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br_if $row (i32.lt_u (local.get $r) (local.get $rows)))))
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $b) (i32.const 2)))
          (select (local.get $h) (i32.const 1) (local.get $h)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $band (i32.lt_u (local.get $b) (local.get $bands)))))))
