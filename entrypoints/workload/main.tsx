/** Practice workload page: wiring only. The page is a component; the store is its only I/O. */
import { render } from 'preact';
import { WorkloadPage } from '@/components/workload/WorkloadPage';
import { createWorkloadStore } from './store';
import './style.css';

const root = document.getElementById('app');
if (root) render(<WorkloadPage store={createWorkloadStore()} />, root);
