// Signing certificates of Google and of phone makers (SHA-1 of the certificate, as Android and androidqf
// print them): an app signed with one of them is the maker's or Google's own, whatever its name, so a
// system-like name is not impersonation. Source: the known-good developer certificates androidqf checks
// APKs against (github.com/mvt-project/androidqf, `ValidCertificates`, MVT License 1.1), only the entries it
// labels Google or a phone maker; 24bb24c0… is also the YouTube app's on the real phone of MVT's test data.

export type CertificateOwner = 'Google' | 'Huawei' | 'OnePlus' | 'Oppo' | 'Samsung' | 'Sony' | 'Xiaomi';

const BY_OWNER: Record<CertificateOwner, readonly string[]> = {
  Google: [
    '3d3a8fef5a54c5fbd9d403222750a24260feabeb',
    '38918a453d07199354f8b19af05ec6562ced5788',
    'a0bc09af527b6397c7a9ef171d6cf76f757becc3',
    'bb0ffd37010b62873d50c8ad093b3f895c76980b',
    '9f591218c092ce2ae72aeb71c2ea00a7cbf20030',
    '24bb24c05e47e0aefa68a58a766179d9b613a600',
    'c6ae382ffb7836e34b4f499d11a41fe0fe003cb8',
    '0980a12be993528c19107bc21ad811478c63cefc',
    '203997bc46b8792dc9747abd230569071f9a0439',
    'e7ce8f6260945d1f25b7fde186cfae7f83a3a30f',
    '504dfe5f654afc841695888f912e62dab35872d7',
    '4ebdd02380f1fa0b6741491f0af35625dba76e9f',
    'e9ff11dc2d746a028b1ac59e63bc2c00503015ef',
    'ffbc3c753eb07172613b3d3c6c3b2ad538330e79',
    '6ddb6673e07f05a1bece93343651ad167faddc10',
    '6925f4ee297c96e8305c59ea026bfa74a8dce191',
    'de8304ace744ae4c4e05887a27a790815e610ff0',
    'b99dd2248a4882e560503ba1b6cb10efb3808f21',
    '706271041202f80ce2ab09dd7c22959d2d92db0c',
    '9d4420349927b14aa8776ad87296054d2a3b43a4',
    'a560a9d18f2400580016a80e65031ee9accc9942',
    'b8d8fd4418b35fc90666baee4a9b66e71bd167a4',
    '28391bf2d8cf1c39d0133d7f8a989e7a17c62c11',
    '1f387cb25e0069efca490ade28c060e09d37dd45',
    'af24b7f3eff9d97ae6d8a84664e0e98888636110',
    '423e4cf90dfcb0910c88e8f1276e747ec72992e1',
    '9ce4288d89dd444ccd8fe66ad9427684c237bc7d',
    'e30964c9acccb399a9daa3d423831e04729f58f5',
    'bd32424203e0fb25f36b57e5aa356f9bdd1da998',
    '9fa50d00b0f4bdaa5d8f371bea982fb598b7e697',
    '19da94896ce4078c38ca695701f1dec741ec6d67',
    '35bd956867c69778eac76da4c198469b77d2cda1',
    '1d156d16e46b29796ef586b1b6c80e8690156717',
    '5308e7b4ee7ffb2f46818d6020218c90a81d7408',
    '5af68c62c5e3e025e0696218569119d3f8c83403',
    '8e017ef64bdca26698fe60ec8f45fcf9819f1f4d',
    '82f34042b49bfdb66209047207b4434f0658218a',
    'a09df985637cd5476f8b75cc361050d2b1480a05',
    '82759e2db43f9ccbafce313bc674f35748fabd7a',
    '4a296f252841c126e8266122863393e1a107600d',
    '115a41f899a0d3964c44ef0f45f22fe0df3ad87d',
    '09b3e0b0e7995718fd4328e851b72ab6420748c9',
    'afb0fed5eeaebdd86f56a97742f4b6b33ef59875',
    '9ca91f9e704d630ef67a23f52bf1577a92b9ca5d',
    '829124884e9eddf2efff682ea9722fbda18f877b',
    'd6a06039c0213121c631bae619f674005f29d638',
    '9b424c2d27ad51a42a337e0bb6991c76eca44461',
    'fb65c83f567984c660a27f9777396f1fca7e211e',
    'df6031be8cdd02065eeea8ce43d85ae3478b4eab',
    'f93d964d329018041c572086ad7cf809d607bb70',
  ],
  Huawei: [
    '025d5212bf3b5f5cda6117a518721d70a94d84e0',
    '19b8fb88ee984c2ab8916f3dff44ca8df03d5f7c',
    '3e23b17f805bd002689a2de47bc5eab9d0a172bc',
    '059e2480adf8c1c5b3d9ec007645ccfc442a23c5',
    'a84f1d78e59b488254f749f7bb1c6b78974b609a',
    'b2f78db43f8561776f586d1cfd3996f5cffa7b85',
    '3f1de0e39b965118907e2ba2e6c052042f544e6c',
    '9bbbb78f4eabd1d4a581b35b840b8cd299ef78de',
    '1c70c9010fc7dc40fd8bef60e80bb43dd2baddd6',
    'fc0e3e8a6bf05fe50398fa54428aead3d56a70d0',
    '301ef8635847f1e3ba585db5388c00496146956d',
    'ad05459c96257e2de8c071308e5615876fad3a17',
    '223afa7747e5b1f8c09deb9aa92a9aa55bf81e45',
    'b34a493a861844f93f174886a0f6440e5d79207b',
    'd13b97a3750a155ec66dd04c39afb69305dc64b5',
    '6e91a635a9813ccb7900bb02f1c9a10d11dff903',
    '636d73f83f9638cbf3e414b8459a45db638d3d5f',
    '50d3678a2f3340af4b9775251d1cdf6d246afd13',
  ],
  OnePlus: [
    '23527ef30c2eb107dc50d2800794b5d58e6067fc',
    '8c2e44f5c2c0212e90548a7288dfac574dec269f',
    '8976387033a43c955f38aa54c91521c9f659361b',
    'ca821dbecd45accccb36e8c43521afeb0c0628d8',
  ],
  Oppo: [
    '0bcdfa052515aa55d915d65d6baa3159201ddc50',
    '57a1bc09a1829e6e1c63a793643ac06799213663',
    'ae203b531b1053a5a00b78758454cf52441926eb',
  ],
  Samsung: [
    '9741a0f330dc2e8619b76a2597f308c37dbe30a2',
    '9ca5170f381919dfe0446fcdab18b19a143b3163',
    'ba141746d704b96ed4dbc24d02d44bb2a3908512',
    '0e2385172276758754bab44fd9c21bd181b19f2d',
    '400109e567834ed13ea945d42ee4f75ef2e01e1f',
    'f7c2ff875137f76ced91fc6ace6c4c3795ba4cad',
    'ab3199c605d3683d8b0b5b25c4be1eee6a4e8524',
    'cf3181be0fc4c2e0aca7b777dbbb83da54c9d1be',
    '109f7815f8fd7ea086174b1d486c169a315c47ff',
    '44dac7484f42f01aeb9e6619de33f944db68382b',
    '29c647cbcc9a5fbd6c0c961e05712bd15352a1f5',
    'fd4122a2ffb4c0718d538866ecda18bbce7b1b15',
    'aad401921b75467698d4a4eced4604c7f7442af7',
    'b1cf3137ad060a7cd5cc7124a88cbe9af6e24796',
    '39774dd8e2e6dcb270f37679154c05e4bd3eae53',
  ],
  Sony: [
    '330df1d4f77968c397ff53d444089bb46dc330f1',
    '80d0156e14efa9b2be949acc1791720cc58cb6e3',
  ],
  Xiaomi: [
    '7b6dc7079c34739ce81159719fb5eb61d2a03225',
    '37834b34c217f19d193208c0b5b0ff429679eb1f',
    'b3d1ce9c2c6403e9685324bcd57f677b13a53174',
    'fffebf52b8979d377affe671f9539cab10361bbd',
  ],
};

const OWNER_OF = new Map<string, CertificateOwner>(Object.entries(BY_OWNER).flatMap(([owner, digests]) => digests.map((digest) => [digest, owner as CertificateOwner] as const)));

/** Who signed an app, when one of its certificates is Google's or a phone maker's; null otherwise. */
export function makerOf(certificateSha1s: readonly string[]): CertificateOwner | null {
  for (const digest of certificateSha1s) {
    const owner = OWNER_OF.get(digest.toLowerCase().replace(/[^0-9a-f]/g, ''));
    if (owner) return owner;
  }
  return null;
}
